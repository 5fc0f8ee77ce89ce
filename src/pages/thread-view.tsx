/**
 * How discussions look on a page: the threads on an item or misconception, one post, and the
 * fields of the post forms. Shared by the thread and post pages.
 */
import { type CurrentUser } from '../lib/context.ts'
import { postKinds, type PostKind } from '../db/schema.ts'
import { threadsOn } from '../discussions/feeds.queries.ts'
import { type Post } from '../discussions/posts.queries.ts'
import { type Db } from '../lib/db.ts'
import { listMyWorkgroups } from '../workgroups/workgroups.queries.ts'
import { OPTION_LABELS } from '../discussions/discussions.schemas.ts'
import type { ItemDetail } from '../items/items.queries.ts'
import { Distribution } from './evidence-views.tsx'
import { plainText } from '../lib/plain-text.ts'
import { Html } from './layout.tsx'

const KIND_NAMES: Record<PostKind, string> = {
  evidence: 'Classroom evidence',
  question: 'Question',
  idea: 'Teaching idea',
  challenge: 'Challenge',
  answer: 'Answer',
  comment: 'Comment',
}

/** The kind a reply starts as: an answer to a question, otherwise a comment. */
export const replyKind = (parentKind: PostKind | undefined): PostKind =>
  parentKind === 'question' ? 'answer' : 'comment'

export function KindSelect({ id, value }: { id: string; value?: string }) {
  return (
    <>
      <label for={id}>Kind of post</label>
      <select id={id} name="kind">
        {postKinds.map((kind) => (
          <option value={kind} selected={kind === value}>
            {KIND_NAMES[kind]}
          </option>
        ))}
      </select>
    </>
  )
}

export function BodyField({
  id,
  value,
  label = 'Your post',
}: {
  id: string
  value?: string
  label?: string
}) {
  return (
    <>
      <label for={id}>{label}</label>
      <p class="muted" id={`${id}-hint`}>
        Markdown, with maths in $…$, e.g. {'$\\frac{3}{4}$'}. Never pupils’ names.
      </p>
      <textarea id={id} name="body" required maxlength={20000} aria-describedby={`${id}-hint`}>
        {value ?? ''}
      </textarea>
    </>
  )
}

/** The discussion section on an item or misconception page. */
export async function ThreadsSection(props: {
  db: Db
  user: CurrentUser | null
  target: { kind: 'item' | 'misconception'; id: string }
}) {
  const { db, user, target } = props
  const [threads, workgroups] = await Promise.all([
    threadsOn(db, target, user?.id ?? null, { limit: 20 }),
    user ? listMyWorkgroups(db, user.id) : Promise.resolve([]),
  ])
  return (
    <section aria-labelledby="discussion">
      <h2 id="discussion">Discussion</h2>
      {threads.length === 0 && <p class="muted">No discussion yet.</p>}
      <ul class="results">
        {threads.slice(0, 20).map((t) => (
          <li class="card">
            <a href={`/threads/${t.id}`}>{t.title}</a>{' '}
            <span class="muted">
              {t.workgroupId ? 'workgroup · ' : ''}
              {t.postCount} {t.postCount === 1 ? 'post' : 'posts'} · started by{' '}
              {t.author.displayName}
            </span>
          </li>
        ))}
      </ul>
      {user ? (
        <details class="card">
          <summary>Start a thread</summary>
          <form method="post" action="/threads">
            <input type="hidden" name="targetKind" value={target.kind} />
            <input type="hidden" name="targetId" value={target.id} />
            <label for="thread-title">Title</label>
            <input id="thread-title" name="title" type="text" required maxlength={200} />
            {workgroups.length > 0 && (
              <>
                <label for="thread-visibility">Who can see it</label>
                <select id="thread-visibility" name="workgroupId">
                  <option value="">Everyone (public)</option>
                  {workgroups.map((wg) => (
                    <option value={wg.id}>Only {wg.name}</option>
                  ))}
                </select>
              </>
            )}
            <KindSelect id="thread-kind" />
            <BodyField id="thread-body" />
            <EvidenceFields id="thread-evidence" tallies={[]} />
            <p>
              <button type="submit">Post</button>
            </p>
          </form>
        </details>
      ) : (
        <p>
          <a href="/signin">Sign in</a> to join the discussion.
        </p>
      )}
    </section>
  )
}

/** Counts fields for classroom evidence, or one of the teacher's recorded tallies instead. */
export function EvidenceFields({
  id,
  tallies,
}: {
  id: string
  tallies: { id: string; label: string }[]
}) {
  return (
    <details class="evidence-fields">
      <summary>Add the class’s counts (classroom evidence)</summary>
      <p class="muted">Counts only: how many pupils were asked and how many chose each option.</p>
      {tallies.length > 0 && (
        <>
          <label for={`${id}-tally`}>Attach one of your recorded tallies</label>
          <select id={`${id}-tally`} name="tallyId">
            <option value="">None: type the counts below</option>
            {tallies.map((t) => (
              <option value={t.id}>{t.label}</option>
            ))}
          </select>
        </>
      )}
      <div class="count-fields">
        <label>
          Pupils asked <input type="number" name="pupilsAsked" min="1" max="1000" />
        </label>
        {OPTION_LABELS.map((l) => (
          <label>
            {l} <input type="number" name={`count_${l}`} min="0" max="1000" />
          </label>
        ))}
      </div>
    </details>
  )
}

/** The counts of a post as a chart: with the item's option text and misconceptions when known. */
function EvidenceChart({ post, item }: { post: Post; item: ItemDetail | null }) {
  const evidence = post.evidence
  if (!evidence) return null
  const labels = item ? item.options.map((o) => o.label) : Object.keys(evidence.counts).sort()
  return (
    <Distribution
      id={`evidence-${post.id}`}
      title={`Counts from a class: ${evidence.pupilsAsked} pupils asked`}
      pupils={evidence.pupilsAsked}
      options={labels.map((label) => {
        const option = item?.options.find((o) => o.label === label)
        return {
          label,
          textHtml: option?.text.html ?? label,
          correct: option?.correct ?? false,
          misconceptions: option?.misconceptions ?? [],
          chose: evidence.counts[label as keyof typeof evidence.counts] ?? 0,
        }
      })}
    />
  )
}

/** What a reply replies to: its author and the start of its text (none once it is gone). */
export interface ParentPost {
  id: string
  authorName: string
  excerpt: string | null
}

const EXCERPT = 120

export function parentOf(post: Post | undefined): ParentPost | undefined {
  if (!post) return undefined
  const text = post.body ? plainText(post.body.source).replace(/\s+/g, ' ').trim() : null
  return {
    id: post.id,
    authorName: post.author.displayName,
    excerpt: text && text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text,
  }
}

export function PostView({
  post,
  user,
  threadId,
  item = null,
  parent,
}: {
  post: Post
  user: CurrentUser | null
  threadId: string
  /** The item the thread is on, so counts show with its options' text and misconceptions. */
  item?: ItemDetail | null
  /** The post this one replies to, when it is a reply. */
  parent?: ParentPost
}) {
  return (
    <article
      class={parent ? 'post reply' : 'post'}
      id={`post-${post.id}`}
      aria-label={`${KIND_NAMES[post.kind]} by ${post.author.displayName}${parent ? `, in reply to ${parent.authorName}` : ''}`}
    >
      {parent && (
        <p class="in-reply-to">
          In reply to <a href={`#post-${parent.id}`}>{parent.authorName}</a>
          {parent.excerpt ? `: “${parent.excerpt}”` : ' (that post is gone)'}
        </p>
      )}
      <p class="meta">
        <span class="kind">{KIND_NAMES[post.kind]}</span> · {post.author.displayName} ·{' '}
        {post.createdAt.slice(0, 10)}
        {post.editedAt && ` · edited (revision ${post.revision})`}
        {post.accepted && ' · accepted answer'}
        {post.endorsements > 0 && ` · ${post.endorsements} endorsed`}
      </p>
      {post.quote && (
        <blockquote>
          <Html html={post.quote.excerptHtml} /> — {post.quote.authorName}
        </blockquote>
      )}
      {post.deleted ? (
        <p class="muted">This post was deleted.</p>
      ) : post.hidden ? (
        <p class="muted">Hidden by a moderator: {post.hidden.reason}</p>
      ) : (
        post.body && <Html html={post.body.html} />
      )}
      <EvidenceChart post={post} item={item} />
      {user && !post.deleted && !post.hidden && (
        <p class="no-print">
          <a href={`/threads/${threadId}?replyTo=${post.id}#reply`}>Reply</a>
          {post.author.id === user.id && (
            <>
              {' · '}
              <a href={`/posts/${post.id}/edit`}>Edit</a>
            </>
          )}
          {post.author.id !== user.id && (
            <>
              {' · '}
              <a href={`/posts/${post.id}/flag`}>Flag</a>
            </>
          )}
        </p>
      )}
      {user && !post.deleted && !post.hidden && post.author.id !== user.id && (
        <form method="post" action={`/posts/${post.id}/endorsement`} class="inline no-print">
          <input type="hidden" name="endorse" value={post.endorsedByMe ? 'no' : 'yes'} />
          <button
            type="submit"
            class="secondary small"
            aria-pressed={post.endorsedByMe ? 'true' : 'false'}
          >
            Endorse<span class="visually-hidden"> the post by {post.author.displayName}</span>
            {post.endorsedByMe && <span aria-hidden="true"> ✓</span>}
          </button>
        </form>
      )}
    </article>
  )
}
