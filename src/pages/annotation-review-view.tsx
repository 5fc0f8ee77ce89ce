/**
 * The curators' list of proposals to decide: each with its item and option, the misconception or
 * the draft (and, for a draft, the bank's most similar misconceptions, so a duplicate is caught
 * before it is accepted), the evidence, the endorsements and disputes, then accept or reject.
 */
import { FormErrors } from './form-errors.tsx'
import { Html } from './layout.tsx'
import { type Annotation, Proposal, Responses, votes } from './annotation-view.tsx'

export interface Similar {
  slug: string
  /** From search: HTML-escaped, with only <mark> added. */
  titleHtml: string
  snippetHtml: string
}

const day = (iso: string) => iso.slice(0, 10)

function SimilarList({ similar }: { similar: Similar[] }) {
  return (
    <div class="similar">
      <p>
        <strong>Most similar in the bank already</strong> (is it one of these?)
      </p>
      {similar.length === 0 ? (
        <p class="muted">Search finds nothing like it.</p>
      ) : (
        <ul>
          {similar.map((s) => (
            <li>
              <a href={`/misconceptions/${s.slug}`}>
                <Html tag="span" html={s.titleHtml} />
              </a>
              <br />
              <Html tag="span" class="muted" html={s.snippetHtml} />
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

function ProposalCard(props: {
  a: Annotation
  hubSlug: string
  construct: string
  similar?: Similar[]
  failed?: { errors: string[]; reason?: string }
}) {
  const { a, hubSlug, failed } = props
  const { endorse, dispute } = votes(a)
  const base = `/hubs/${hubSlug}/annotations/${a.id}`
  const what = `${props.construct}, option ${a.label}`
  return (
    <article class="card proposal" id={`proposal-${a.id}`} aria-labelledby={`proposal-${a.id}-h`}>
      <h2 id={`proposal-${a.id}-h`}>
        <a href={`/items/${a.itemId}?annotations=open#annotation-${a.id}`}>{props.construct}</a>:
        option {a.label}
      </h2>
      <p class="muted">
        {a.workgroup.name} · proposed by {a.proposedBy.displayName}, {day(a.proposedAt)} ·{' '}
        {endorse.length} endorsed, {dispute.length} disputed
      </p>
      <Proposal a={a} />
      {a.draft && props.similar && <SimilarList similar={props.similar} />}
      <h3 class="small-heading">Evidence</h3>
      <Html class="evidence" html={a.evidence.html} />
      {a.counts && (
        <p class="muted">
          Counts: {a.counts.pupilsAsked} pupils asked;{' '}
          {Object.entries(a.counts.counts)
            .map(([label, n]) => `${label}: ${n}`)
            .join(', ')}
        </p>
      )}
      <h3 class="small-heading">Responses</h3>
      {a.responses.length === 0 && <p class="muted">No member has responded yet.</p>}
      <Responses a={a} />
      {failed && <FormErrors errors={failed.errors} />}
      <div class="decide">
        <form method="post" action={`${base}/accept`} class="inline">
          <button type="submit">
            Accept<span class="visually-hidden"> {what}</span>
          </button>
        </form>
        <form method="post" action={`${base}/reject`} class="reject">
          <label for={`reason-${a.id}`}>
            Reason for rejecting<span class="visually-hidden"> {what}</span>
          </label>
          <input
            id={`reason-${a.id}`}
            name="reason"
            type="text"
            required
            minlength={3}
            maxlength={1000}
            value={failed?.reason ?? ''}
            aria-invalid={failed?.reason !== undefined ? 'true' : undefined}
          />
          <button type="submit" class="secondary">
            Reject<span class="visually-hidden"> {what}</span>
          </button>
        </form>
      </div>
    </article>
  )
}

export function AcceptanceList(props: {
  hubSlug: string
  proposals: Annotation[]
  items: Map<string, string>
  similar: Map<string, Similar[]>
  failed?: { annotationId: string; errors: string[]; reason?: string }
}) {
  const { proposals, failed } = props
  // A proposal decided meanwhile is no longer listed: its error goes at the top.
  const orphan = failed && !proposals.some((a) => a.id === failed.annotationId)
  return (
    <>
      {orphan && <FormErrors errors={failed.errors} />}
      {proposals.length === 0 ? (
        <p>Nothing awaits a decision.</p>
      ) : (
        proposals.map((a) => (
          <ProposalCard
            a={a}
            hubSlug={props.hubSlug}
            construct={props.items.get(a.itemId) ?? a.itemId}
            similar={props.similar.get(a.id)}
            failed={failed?.annotationId === a.id ? failed : undefined}
          />
        ))
      )}
    </>
  )
}
