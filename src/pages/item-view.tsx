/** How an item is shown: stem, diagram and options, with the answer behind a "reveal". */
import type { ItemDetail } from '../items/items.queries.ts'
import { Html } from './layout.tsx'

export function ItemBody({ item }: { item: ItemDetail }) {
  return (
    <>
      <Html class="stem" html={item.stem.html} />
      {item.diagramSvg && <Html class="diagram" html={item.diagramSvg} />}
      <ol class="options" aria-label="Options">
        {item.options.map((option) => (
          <li>
            <span class="letter">{option.label}</span>
            <Html tag="span" html={option.text.html} />
          </li>
        ))}
      </ol>
    </>
  )
}

/**
 * The answer, explanations and misconceptions. A <details> element, so it stays hidden while the
 * page is shown to a class and opens without JavaScript.
 */
export function Reveal({ item, open = false }: { item: ItemDetail; open?: boolean }) {
  return (
    <details class="reveal" id="reveal" open={open}>
      <summary>Reveal the answer, explanations and misconceptions</summary>
      <ol class="options" aria-label="Answers explained">
        {item.options.map((option) => (
          <li>
            <span class="letter">{option.label}</span>
            <div>
              <p>
                <span class={option.correct ? 'verdict-correct' : 'verdict-wrong'}>
                  {option.correct ? 'Correct' : 'Wrong'}
                </span>
                {option.misconceptions.length > 0 && ' — reveals: '}
                {option.misconceptions.map((m, i) => (
                  <>
                    {i > 0 && ', '}
                    <a href={`/misconceptions/${m.slug}`}>{m.title}</a>
                  </>
                ))}
              </p>
              <Html html={option.explanation.html} />
            </div>
          </li>
        ))}
      </ol>
    </details>
  )
}
