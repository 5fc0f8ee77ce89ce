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

/** The formats an item downloads in: the same exports a set has, from GET /api/items/{id}/export. */
export const ITEM_EXPORTS = [
  ['qti', 'QTI 3.0 package'],
  ['moodle', 'Moodle XML'],
  ['gift', 'GIFT'],
  ['json', 'JSON'],
  ['html', 'Printable page'],
] as const

export function ItemExports({ itemId }: { itemId: string }) {
  return (
    <section aria-labelledby="exports" class="no-print">
      <h2 id="exports">Use it elsewhere</h2>
      <ul class="tags">
        {ITEM_EXPORTS.map(([format, label]) => (
          <li>
            <a class="tag" href={`/api/items/${itemId}/export?format=${format}`}>
              {label}
            </a>
          </li>
        ))}
        <li>
          <a class="tag" href={`/print?items=${itemId}`}>
            Print with answer key
          </a>
        </li>
      </ul>
    </section>
  )
}

/**
 * Whether a question asks for a calculation, so the worksheet leaves room to work it out.
 * Reading a diagram or choosing a statement needs no room; arithmetic and algebra do.
 */
export function needsWorking(item: ItemDetail): boolean {
  const stem = item.stem.source
  return (
    /\d/.test(stem) &&
    /\\times|\\div|\\frac|[+×÷=^]|\b(calculate|work out|simplify|solve|evaluate|expand|factorise)\b/i.test(
      stem,
    )
  )
}

/**
 * A worksheet: title, a name/class/date line, the questions packed several to an A4 page (each
 * kept whole), working space where a question needs it, then the answer key on its own page.
 * Used by /print and by the set and item exports.
 */
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
    <div class="worksheet">
      <h1>{title}</h1>
      <p class="ws-fill">
        <span>Name</span> <span class="ws-blank" /> <span>Class</span>{' '}
        <span class="ws-blank short" /> <span>Date</span> <span class="ws-blank short" />
      </p>
      <p class="ws-instructions">Circle the letter of the answer you choose for each question.</p>
      <ol class="ws-questions">
        {items.map((item, n) => (
          <li class="ws-q" aria-label={`Question ${n + 1}`}>
            <span class="ws-number" aria-hidden="true">
              {n + 1}.
            </span>
            <div class="ws-body">
              <Html class="stem" html={item.stem.html} />
              {item.diagramSvg && <Html class="diagram" html={item.diagramSvg} />}
              <ol class="ws-options" aria-label="Options">
                {item.options.map((option) => (
                  <li>
                    <span class="letter">{option.label}</span>
                    <Html tag="span" html={option.text.html} />
                  </li>
                ))}
              </ol>
              {needsWorking(item) && (
                <div class="ws-working">
                  <span class="muted">Working</span>
                </div>
              )}
            </div>
          </li>
        ))}
      </ol>
      <section class="answer-key" aria-labelledby="key">
        <h2 id="key">Answer key: {title}</h2>
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
    </div>
  )
}
