/**
 * Classroom mode for a projector: the question filling the screen, each option with its own
 * reveal (or all at once), the explanation beside each option so nothing needs scrolling, and
 * previous/next through a list or a topic. Without JavaScript the reveals are <details> and
 * "Reveal all" is a link; public/app.js adds keys, focus and an announcement of what was revealed.
 */
import type { ItemDetail } from '../items/items.queries.ts'
import { Html } from './layout.tsx'

export interface Step {
  href: string
  label: string
}

export function ClassroomItem(props: {
  item: ItemDetail
  /** "Question 2 of 5 · Y5 starter", or the topic when moving through a topic. */
  where: string
  previous?: Step
  next?: Step
  exit: string
  revealAll: boolean
  revealAllHref: string
}) {
  const { item } = props
  const correct = item.options.filter((o) => o.correct).map((o) => o.label)
  return (
    <div class="projector" data-classroom>
      <p class="muted where">{props.where}</p>
      <h1 class="visually-hidden">{item.construct}</h1>
      <div class="stage">
        <Html class="stem" html={item.stem.html} />
        {item.diagramSvg && <Html class="diagram" html={item.diagramSvg} />}
      </div>
      <ol class="options projector-options" aria-label="Options" id="answers" tabindex={-1}>
        {item.options.map((option) => (
          <li class={props.revealAll ? (option.correct ? 'is-correct' : 'is-wrong') : undefined}>
            <div class="option-text">
              <span class="letter">{option.label}</span>
              <Html tag="span" html={option.text.html} />
            </div>
            <details class="option-reveal" data-option={option.label} open={props.revealAll}>
              <summary>
                Reveal <span class="visually-hidden">option</span> {option.label}
              </summary>
              <p class="verdict">
                <span class={option.correct ? 'verdict-correct' : 'verdict-wrong'}>
                  {option.correct ? 'Correct' : 'Wrong'}
                </span>
                {option.misconceptions.length > 0 &&
                  ` — ${option.misconceptions.map((m) => m.title).join('; ')}`}
              </p>
              <Html class="explanation" html={option.explanation.html} />
            </details>
          </li>
        ))}
      </ol>
      <p id="reveal-status" class="visually-hidden" role="status" aria-live="polite">
        {props.revealAll ? `All revealed. The answer is ${correct.join(' and ')}.` : ''}
      </p>
      <nav class="controls no-print" aria-label="Classroom controls">
        {props.previous ? (
          <a class="button secondary" href={props.previous.href} data-previous>
            ← Previous <span class="visually-hidden">: {props.previous.label}</span>
          </a>
        ) : null}
        <a
          class="button"
          href={props.revealAllHref}
          data-reveal-all
          data-answer={correct.join(',')}
        >
          {props.revealAll ? 'Hide answers' : 'Reveal all'}
        </a>
        {props.next ? (
          <a class="button" href={props.next.href} data-next>
            Next → <span class="visually-hidden">: {props.next.label}</span>
          </a>
        ) : null}
        <a class="button secondary" href={props.exit} data-exit>
          Exit
        </a>
        <span class="muted keys">
          Keys: A–E reveal one · R all · ← → previous, next · Esc exits
        </span>
      </nav>
    </div>
  )
}
