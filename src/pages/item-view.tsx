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
export function Reveal({
  item,
  open = false,
  id = 'reveal',
}: {
  item: ItemDetail
  open?: boolean
  id?: string
}) {
  return (
    <details class="reveal" id={id} open={open}>
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

/** Questions, then the answer key on its own printed page. Used by /print and set exports. */
export function Worksheet({
  title,
  items,
  notes,
}: {
  title: string
  items: ItemDetail[]
  notes?: string[]
}) {
  return (
    <>
      <h1>{title}</h1>
      {items.map((item, n) => (
        <section class="card" aria-label={`Question ${n + 1}`}>
          <h2>Question {n + 1}</h2>
          <ItemBody item={item} />
        </section>
      ))}
      <section class="answer-key" aria-labelledby="key">
        <h2 id="key">Answer key</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col">Answer</th>
              <th scope="col">What each wrong answer suggests</th>
              {notes && <th scope="col">Note for the teacher</th>}
            </tr>
          </thead>
          <tbody>
            {items.map((item, n) => (
              <tr>
                <td>{n + 1}</td>
                <td>
                  {item.options
                    .filter((o) => o.correct)
                    .map((o) => o.label)
                    .join(', ')}
                </td>
                <td>
                  {item.options
                    .filter((o) => !o.correct && o.misconceptions.length > 0)
                    .map((o) => `${o.label}: ${o.misconceptions.map((m) => m.title).join('; ')}`)
                    .join(' · ')}
                </td>
                {notes && <td>{notes[n] ?? ''}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  )
}
