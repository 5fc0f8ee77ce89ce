/**
 * The item authoring form and its preview. The preview is what the server renders on write (the
 * same compileItem: KaTeX and the SVG allow-list), with the content check's tagging, same-number
 * and answer-position rules applied as warnings before the item is sent for review.
 */
import type { ItemRecord } from '../bank/compile.ts'
import { optionLabel } from '../bank/schemas.ts'
import type { Taxonomy } from '../taxonomy/taxonomy.queries.ts'
import { FormErrors } from './form-errors.tsx'
import { Html } from './layout.tsx'

export const OPTION_SLOTS = 5
export const MISCONCEPTION_SLOTS = 2

/** Messages per field (`options.1.text`), from the schema, the renderer or the reference check. */
export type FieldErrors = Map<string, string[]>

export function fieldErrors(messages: string[]): FieldErrors {
  const map: FieldErrors = new Map()
  for (const message of messages) {
    const at = message.indexOf(': ')
    const field = at > 0 ? message.slice(0, at).replace(/\[(\d+)\]/g, '.$1') : 'form'
    map.set(field, [...(map.get(field) ?? []), at > 0 ? message.slice(at + 2) : message])
  }
  return map
}

interface FieldProps {
  name: string
  label: string
  values: Record<string, string>
  errors: FieldErrors
  hint?: string
  multiline?: boolean
  required?: boolean
  list?: string
  /** Error keys that belong to this field (a misconception slot reports as `…misconceptions.0`). */
  errorKey?: string
}

/** One labelled field with its hint and its own errors, tied together for screen readers. */
function Field(props: FieldProps) {
  const id = `f-${props.name.replace(/\./g, '-')}`
  const messages = props.errors.get(props.errorKey ?? props.name) ?? []
  const described = [props.hint ? `${id}-hint` : '', messages.length ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ')
  const common = {
    id,
    name: props.name,
    required: props.required,
    'aria-invalid': messages.length > 0 ? ('true' as const) : undefined,
    'aria-describedby': described || undefined,
  }
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {messages.length > 0 && (
        <p class="field-error" id={`${id}-error`}>
          {messages.join('; ')}
        </p>
      )}
      {props.multiline ? (
        <textarea {...common}>{props.values[props.name] ?? ''}</textarea>
      ) : (
        <input type="text" {...common} list={props.list} value={props.values[props.name] ?? ''} />
      )}
    </div>
  )
}

export function ItemForm(props: {
  action: string
  previewAction: string
  values: Record<string, string>
  errors: FieldErrors
  taxonomy: Taxonomy
  misconceptions: { slug: string; title: string }[]
  /** Set when editing: the id is fixed. */
  fixedId?: string
}) {
  const { values, errors } = props
  const summary = [...errors].flatMap(([field, messages]) =>
    messages.map((m) => (field === 'form' ? m : `${field}: ${m}`)),
  )
  const yearErrors = errors.get('years') ?? []
  const optionErrors = errors.get('options') ?? []
  return (
    <form method="post" action={props.action} class="item-form" data-preview={props.previewAction}>
      <FormErrors errors={summary} />
      {props.fixedId ? (
        <p>
          Item id: <code>{props.fixedId}</code>
          <input type="hidden" name="id" value={props.fixedId} />
          {props.values.basedOn && (
            <input type="hidden" name="basedOn" value={props.values.basedOn} />
          )}
        </p>
      ) : (
        <Field
          name="id"
          label="Item id"
          hint="Lower-case words joined by hyphens, e.g. perimeter-of-an-l-shape. It cannot change later."
          values={values}
          errors={errors}
          required
        />
      )}
      <Field
        name="construct"
        label="Construct"
        hint="The one skill it tests, e.g. “Calculate the perimeter of a rectangle”."
        values={values}
        errors={errors}
        required
      />
      <div class="field">
        <label for="f-topic">Topic</label>
        {errors.get('topic') && (
          <p class="field-error" id="f-topic-error">
            {errors.get('topic')?.join('; ')}
          </p>
        )}
        <select
          id="f-topic"
          name="topic"
          required
          aria-describedby={errors.get('topic') ? 'f-topic-error' : undefined}
        >
          <option value="">Choose a topic</option>
          {props.taxonomy.map((strand) => (
            <optgroup label={strand.name}>
              {strand.topics.map((t) => (
                <option value={t.slug} selected={values.topic === t.slug}>
                  {t.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <fieldset class="years" aria-describedby={yearErrors.length ? 'f-years-error' : undefined}>
        <legend>Year groups</legend>
        {yearErrors.length > 0 && (
          <p class="field-error" id="f-years-error">
            {yearErrors.join('; ')}
          </p>
        )}
        {Array.from({ length: 11 }, (_, i) => i + 1).map((year) => (
          <label class="check">
            <input
              type="checkbox"
              name={`year-${year}`}
              checked={values[`year-${year}`] === 'on'}
            />{' '}
            {year}
          </label>
        ))}
      </fieldset>
      <Field
        name="stem"
        label="Question (stem)"
        hint="Markdown; maths in TeX between dollar signs, e.g. $\frac{3}{4}$."
        values={values}
        errors={errors}
        multiline
        required
      />
      <Field
        name="diagram"
        label="Diagram (optional SVG)"
        hint="An <svg> whose first children are a <title> and a <desc>."
        values={values}
        errors={errors}
        multiline
      />
      <fieldset aria-describedby={optionErrors.length ? 'f-options-error' : undefined}>
        <legend>Options</legend>
        {optionErrors.length > 0 && (
          <p class="field-error" id="f-options-error">
            {optionErrors.join('; ')}
          </p>
        )}
        <p class="hint">
          Fill in two to five. Choose the correct one; tag each wrong one with the misconception
          that produces it.
        </p>
        {Array.from({ length: OPTION_SLOTS }, (_, i) => (
          <fieldset class="option card">
            <legend>Option {optionLabel(i)}</legend>
            <label class="check">
              <input
                type="radio"
                name="correct"
                value={String(i)}
                checked={values.correct === String(i)}
              />{' '}
              Option {optionLabel(i)} is the correct answer
            </label>
            <Field
              name={`options.${i}.text`}
              label={`Option ${optionLabel(i)}: text`}
              values={values}
              errors={errors}
            />
            <Field
              name={`options.${i}.explanation`}
              label={`Option ${optionLabel(i)}: why a pupil would choose it`}
              values={values}
              errors={errors}
              multiline
            />
            {Array.from({ length: MISCONCEPTION_SLOTS }, (_, j) => (
              <Field
                name={`options.${i}.misconception${j}`}
                errorKey={`options.${i}.misconceptions.${j}`}
                label={`Option ${optionLabel(i)}: misconception ${j + 1} (its slug)`}
                values={values}
                errors={errors}
                list="misconception-slugs"
              />
            ))}
          </fieldset>
        ))}
      </fieldset>
      <datalist id="misconception-slugs">
        {props.misconceptions.map((m) => (
          <option value={m.slug}>{m.title}</option>
        ))}
      </datalist>
      <div class="field">
        <label for="f-purpose">Purpose</label>
        <select id="f-purpose" name="purpose">
          <option value="">Diagnostic (voted on by a class)</option>
          <option value="discussion" selected={values.purpose === 'discussion'}>
            Discussion (for teachers)
          </option>
        </select>
      </div>
      <Field name="source" label="Source" values={values} errors={errors} required />
      <Field name="licence" label="Licence" values={values} errors={errors} required />
      <p class="actions">
        <button type="submit" name="intent" value="preview" class="secondary">
          Preview
        </button>{' '}
        <button type="submit" name="intent" value="save">
          Save draft
        </button>
      </p>
    </form>
  )
}

export interface PreviewState {
  /** Why nothing can be shown yet (schema or rendering errors). */
  problems?: string[]
  record?: ItemRecord
  titles?: Map<string, string>
  /** The content check's rules, applied before the item is sent for review. */
  warnings?: string[]
}

/** The item as teachers will see it, rendered by the server; replaced in place by hub.js. */
export function ItemPreview({ state }: { state: PreviewState | null }) {
  return (
    <section id="preview" class="preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview</h2>
      {!state && <p class="muted">Press “Preview” to see the item as teachers will.</p>}
      {state?.problems && (
        <>
          <p>Fix these to see the preview:</p>
          <ul class="error">
            {state.problems.map((p) => (
              <li>{p}</li>
            ))}
          </ul>
        </>
      )}
      {state?.warnings && state.warnings.length > 0 && (
        <div class="card warnings">
          <h3>Before you send it for review</h3>
          <ul>
            {state.warnings.map((w) => (
              <li>{w}</li>
            ))}
          </ul>
        </div>
      )}
      {state?.record && state.warnings?.length === 0 && (
        <p class="verdict-correct">The content check finds nothing to change.</p>
      )}
      {state?.record && <RecordView record={state.record} titles={state.titles ?? new Map()} />}
    </section>
  )
}

/** A compiled item (not yet in the bank): stem, diagram, options, then key and explanations. */
export function RecordView({
  record,
  titles,
}: {
  record: ItemRecord
  titles: Map<string, string>
}) {
  return (
    <article class="card" aria-label="The item as teachers will see it">
      <p class="muted">{record.row.construct}</p>
      <Html class="stem" html={record.row.stemHtml} />
      {record.row.diagramSvg && <Html class="diagram" html={record.row.diagramSvg} />}
      <ol class="options" aria-label="Options">
        {record.options.map((o) => (
          <li>
            <span class="letter">{o.label}</span>
            <Html tag="span" html={o.textHtml} />
          </li>
        ))}
      </ol>
      <details class="reveal" open>
        <summary>Answer, explanations and misconceptions</summary>
        <ol class="options" aria-label="Answers explained">
          {record.options.map((o) => (
            <li>
              <span class="letter">{o.label}</span>
              <div>
                <p>
                  <span class={o.isCorrect ? 'verdict-correct' : 'verdict-wrong'}>
                    {o.isCorrect ? 'Correct' : 'Wrong'}
                  </span>
                  {o.misconceptions.length > 0 &&
                    ` — reveals: ${o.misconceptions.map((s) => titles.get(s) ?? `${s} (unknown)`).join(', ')}`}
                </p>
                <Html html={o.explanationHtml} />
              </div>
            </li>
          ))}
        </ol>
      </details>
    </article>
  )
}
