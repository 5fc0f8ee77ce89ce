/**
 * How annotations look on a page: one annotation (status, misconception or draft, evidence,
 * responses, credit or the curator's reason), the item page's section of them by option, and the
 * form a workgroup member proposes one with. Every action is a plain form post.
 */
import type { toAnnotations } from '../annotations/annotations.read.ts'
import type { ItemDetail } from '../items/items.queries.ts'
import type { CurrentUser } from '../lib/context.ts'
import { FormErrors } from './form-errors.tsx'
import { Html } from './layout.tsx'

export type Annotation = Awaited<ReturnType<typeof toAnnotations>>[number]
type Workgroup = { id: string; name: string }
type MisconceptionChoice = { slug: string; title: string }

const day = (iso: string) => iso.slice(0, 10)

export const votes = (a: Annotation) => ({
  endorse: a.responses.filter((r) => r.vote === 'endorse'),
  dispute: a.responses.filter((r) => r.vote === 'dispute'),
})

/** The status in words: accepted with its credit, not accepted, or proposed and how it stands. */
export function statusWords(a: Annotation) {
  if (a.status === 'accepted') return `Accepted — credit to ${a.workgroup.name}`
  if (a.status === 'rejected') return 'Not accepted'
  const { endorse, dispute } = votes(a)
  if (dispute.length > 0) return 'Proposed · disputed'
  if (endorse.length > 0) return 'Proposed · endorsed'
  return 'Proposed'
}

/** Which misconception it names: the bank's (a link) or the workgroup's draft. */
export function Proposal({ a }: { a: Annotation }) {
  if (a.misconception)
    return (
      <p>
        Reveals: <a href={`/misconceptions/${a.misconception.slug}`}>{a.misconception.title}</a>
      </p>
    )
  if (!a.draft) return null
  return (
    <>
      <p>
        Reveals a new misconception drafted by the workgroup: <strong>{a.draft.title}</strong>{' '}
        <span class="muted">({a.draft.slug})</span>
      </p>
      <Html class="draft" html={a.draft.description.html} />
    </>
  )
}

export function Responses({ a }: { a: Annotation }) {
  const { endorse, dispute } = votes(a)
  return (
    <>
      <p class="muted">
        {endorse.length} {endorse.length === 1 ? 'endorsement' : 'endorsements'} · {dispute.length}{' '}
        {dispute.length === 1 ? 'dispute' : 'disputes'}
      </p>
      {a.responses.some((r) => r.comment) && (
        <ul class="responses">
          {a.responses
            .filter((r) => r.comment)
            .map((r) => (
              <li>
                {r.vote === 'endorse' ? 'Endorsed' : 'Disputed'} by {r.user.displayName}:{' '}
                {r.comment}
              </li>
            ))}
        </ul>
      )}
    </>
  )
}

/** One annotation on the item page, with endorse and dispute for the workgroup's other members. */
export function AnnotationCard(props: { a: Annotation; canRespond: boolean; viewerId?: string }) {
  const { a, canRespond } = props
  const mine = a.responses.find((r) => r.user.id === props.viewerId)
  return (
    <article
      class="card annotation"
      id={`annotation-${a.id}`}
      aria-label={`Option ${a.label}: ${statusWords(a)}`}
    >
      <p class="annotation-status">
        <span class={`tag status-${a.status}`}>{statusWords(a)}</span>
      </p>
      <Proposal a={a} />
      <Html class="evidence" html={a.evidence.html} />
      <p class="muted">
        Proposed by {a.proposedBy.displayName} ({a.workgroup.name}), {day(a.proposedAt)}
        {a.accepted && ` · accepted by ${a.accepted.by.displayName}, ${day(a.accepted.at)}`}
      </p>
      {a.rejected && (
        <p>
          Not accepted by {a.rejected.by.displayName}, {day(a.rejected.at)}: {a.rejected.reason}
        </p>
      )}
      <Responses a={a} />
      {canRespond && mine && (
        <p>You {mine.vote === 'endorse' ? 'endorsed' : 'disputed'} it; you can change your mind.</p>
      )}
      {canRespond && (
        <form method="post" action={`/annotations/${a.id}/response`} class="respond no-print">
          <label for={`comment-${a.id}`}>Comment (optional)</label>
          <input
            id={`comment-${a.id}`}
            name="comment"
            type="text"
            maxlength={2000}
            aria-describedby={`comment-${a.id}-hint`}
          />
          <p class="muted" id={`comment-${a.id}-hint`}>
            What your class showed, if it differs. Never pupils’ names.
          </p>
          <button type="submit" name="vote" value="endorse" class="small">
            Endorse<span class="visually-hidden"> this proposal for option {a.label}</span>
          </button>{' '}
          <button type="submit" name="vote" value="dispute" class="secondary small">
            Dispute<span class="visually-hidden"> this proposal for option {a.label}</span>
          </button>
        </form>
      )}
    </article>
  )
}

/** Who may respond: members of its workgroup other than its proposer, while it is proposed. */
export function canRespond(a: Annotation, user: CurrentUser | null, workgroupIds: Set<string>) {
  return Boolean(
    user &&
    a.status === 'proposed' &&
    a.proposedBy.id !== user.id &&
    workgroupIds.has(a.workgroup.id),
  )
}

export interface ProposeValues {
  workgroupId?: string
  label?: string
  source?: string
  misconceptionSlug?: string
  draftSlug?: string
  draftTitle?: string
  draftDescription?: string
  evidence?: string
}

/**
 * The propose form. The misconception is a text field with a list of the topic's misconceptions
 * (a native <datalist>, so it works without JavaScript); app.js fills the list from the
 * misconception search as the teacher types.
 */
export function ProposeForm(props: {
  item: ItemDetail
  workgroups: Workgroup[]
  choices: MisconceptionChoice[]
  values?: ProposeValues
  errors?: string[]
}) {
  const { item, workgroups, choices, errors } = props
  const v = props.values ?? {}
  const wrong = item.options.filter((o) => !o.correct)
  const draft = v.source === 'draft'
  return (
    <form method="post" action={`/items/${item.id}/annotations`} class="propose" id="propose">
      <FormErrors errors={errors} />
      {workgroups.length === 1 ? (
        <>
          <input type="hidden" name="workgroupId" value={workgroups[0]?.id} />
          <p>
            For <strong>{workgroups[0]?.name}</strong>
          </p>
        </>
      ) : (
        <>
          <label for="propose-workgroup">Which workgroup</label>
          <select id="propose-workgroup" name="workgroupId">
            {workgroups.map((wg) => (
              <option value={wg.id} selected={wg.id === v.workgroupId}>
                {wg.name}
              </option>
            ))}
          </select>
        </>
      )}
      <fieldset>
        <legend>Which option</legend>
        {wrong.map((o, i) => (
          <label class="choice">
            <input
              type="radio"
              name="label"
              value={o.label}
              required
              checked={v.label ? v.label === o.label : i === 0}
            />{' '}
            <span class="letter">{o.label}</span> <Html tag="span" html={o.text.html} />
          </label>
        ))}
      </fieldset>
      <fieldset data-misconception-source>
        <legend>Which misconception it reveals</legend>
        <label class="choice">
          <input type="radio" name="source" value="existing" checked={!draft} /> One in the bank
        </label>
        <div data-source="existing">
          <label for="propose-misconception">Misconception (type to search, pick its slug)</label>
          <input
            id="propose-misconception"
            name="misconceptionSlug"
            type="text"
            list="propose-misconception-list"
            autocomplete="off"
            maxlength={80}
            value={v.misconceptionSlug ?? ''}
            data-misconception-search="propose-misconception-list"
          />
          <datalist id="propose-misconception-list">
            {choices.map((m) => (
              <option value={m.slug}>{m.title}</option>
            ))}
          </datalist>
        </div>
        <label class="choice">
          <input type="radio" name="source" value="draft" checked={draft} /> A new one we draft
        </label>
        <div data-source="draft">
          <label for="propose-draft-title">Title of the new misconception</label>
          <input
            id="propose-draft-title"
            name="draftTitle"
            type="text"
            maxlength={160}
            value={v.draftTitle ?? ''}
          />
          <label for="propose-draft-slug">Its address (lower case, words joined by hyphens)</label>
          <input
            id="propose-draft-slug"
            name="draftSlug"
            type="text"
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            maxlength={80}
            value={v.draftSlug ?? ''}
          />
          <label for="propose-draft-description">What pupils who hold it think</label>
          <textarea id="propose-draft-description" name="draftDescription" maxlength={20000}>
            {v.draftDescription ?? ''}
          </textarea>
        </div>
      </fieldset>
      <label for="propose-evidence">Evidence: what your classes showed</label>
      <p class="muted" id="propose-evidence-hint">
        Markdown, with maths in $…$. Counts and what pupils said, never pupils’ names.
      </p>
      <textarea
        id="propose-evidence"
        name="evidence"
        required
        maxlength={20000}
        aria-describedby="propose-evidence-hint"
      >
        {v.evidence ?? ''}
      </textarea>
      <p>
        <button type="submit">Propose</button>
      </p>
    </form>
  )
}

/** The item page's annotations, option by option, then the propose form for members. */
export function ItemAnnotations(props: {
  item: ItemDetail
  annotations: Annotation[]
  user: CurrentUser | null
  workgroups: Workgroup[]
  choices: MisconceptionChoice[]
  /** Open on arrival from a form (the list names the wrong answers, so it starts closed). */
  open?: boolean
}) {
  const { item, annotations, user, workgroups } = props
  const mine = new Set(workgroups.map((w) => w.id))
  const accepted = annotations.filter((a) => a.status === 'accepted').length
  const inProgress = annotations.filter((a) => a.status === 'proposed').length
  return (
    <section aria-labelledby="annotations" id="annotations-section" class="no-print">
      <h2 id="annotations">Annotations</h2>
      <p class="muted">
        Which misconception each wrong answer reveals, as workgroups saw it in class.
        {user && workgroups.length > 0
          ? ' You see your workgroups’ proposals and every accepted one.'
          : ' Accepted ones are credited to the workgroup that proposed them.'}
      </p>
      <details class="reveal" id="annotations-list" open={props.open}>
        <summary>
          Show the annotations ({accepted} accepted
          {inProgress > 0 && `, ${inProgress} in progress`}): they tell which answers are wrong
        </summary>
        {item.options
          .filter((o) => !o.correct)
          .map((o) => {
            const here = annotations.filter((a) => a.label === o.label)
            return (
              <div class="option-annotations">
                <h3>
                  <span class="letter">{o.label}</span> <Html tag="span" html={o.text.html} />
                </h3>
                {here.length === 0 ? (
                  <p class="muted">No annotations on option {o.label} yet.</p>
                ) : (
                  here.map((a) => (
                    <AnnotationCard
                      a={a}
                      canRespond={canRespond(a, user, mine)}
                      viewerId={user?.id}
                    />
                  ))
                )}
              </div>
            )
          })}
        {user && workgroups.length > 0 ? (
          <details class="card">
            <summary>Propose an annotation</summary>
            <ProposeForm item={item} workgroups={workgroups} choices={props.choices} />
          </details>
        ) : (
          user === null && (
            <p>
              <a href={`/signin?next=/items/${item.id}`}>Sign in</a> and join a workgroup to propose
              one.
            </p>
          )
        )}
      </details>
    </section>
  )
}
