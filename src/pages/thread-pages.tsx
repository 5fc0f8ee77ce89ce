/**
 * Discussion pages: the threads on an item or misconception, a thread with its posts, and the
 * forms to start a thread, reply, edit and flag. Plain forms over the same query functions and
 * guards as the discussion API, so a workgroup's thread is invisible outside it here too.
 */
import { Hono } from 'hono'
import type { Context } from 'hono'
import type { CurrentUser } from '../accounts/accounts.queries.ts'
import { postKinds, type PostKind } from '../db/schema.ts'
import * as discussions from '../discussions/discussions.queries.ts'
import { NewPostInput } from '../discussions/discussions.schemas.ts'
import { threadsOn } from '../discussions/feeds.queries.ts'
import {
  limitNewAccountPosting,
  requireTarget,
  visiblePost,
  visibleThread,
} from '../discussions/guards.ts'
import { flagPost } from '../discussions/moderation.queries.ts'
import { getThread, listPosts, type Post } from '../discussions/posts.read.ts'
import type { AppEnv } from '../lib/create-app.ts'
import { type Db, getDb } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'
import { listMyWorkgroups, requireWorkgroupRole } from '../workgroups/workgroups.queries.ts'
import { formValues } from './forms.ts'
import { getItem, type ItemDetail } from '../items/items.queries.ts'
import { listTallies, requireOwnTally } from '../evidence/tallies.queries.ts'
import { Distribution } from './evidence-views.tsx'
import { Html, Layout } from './layout.tsx'

export const threadPages = new Hono<AppEnv>()

const KIND_NAMES: Record<PostKind, string> = {
  evidence: 'Classroom evidence',
  question: 'Question',
  idea: 'Teaching idea',
  challenge: 'Challenge',
}

function KindSelect({ id, value }: { id: string; value?: string }) {
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

function BodyField({
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
function EvidenceFields({ id, tallies }: { id: string; tallies: { id: string; label: string }[] }) {
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
        {OPTION_LETTERS.map((l) => (
          <label>
            {l} <input type="number" name={`count_${l}`} min="0" max="1000" />
          </label>
        ))}
      </div>
    </details>
  )
}

const OPTION_LETTERS = ['A', 'B', 'C', 'D', 'E'] as const

/**
 * A post's counts from the form: an attached tally of the caller's own, or typed counts. The
 * kind becomes "evidence", since only evidence carries counts.
 */
async function evidenceFromForm(db: Db, userId: string, form: Record<string, string>) {
  if (form.tallyId) {
    const tally = await requireOwnTally(db, form.tallyId, userId)
    return { pupilsAsked: tally.pupilsAnswering, counts: tally.counts }
  }
  if (!form.pupilsAsked?.trim()) return undefined
  const counts: Record<string, number> = {}
  for (const l of OPTION_LETTERS) {
    const value = form[`count_${l}`]?.trim()
    if (value) counts[l] = Number(value)
  }
  return { pupilsAsked: Number(form.pupilsAsked), counts }
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

function PostView({
  post,
  user,
  threadId,
  item = null,
}: {
  post: Post
  user: CurrentUser | null
  threadId: string
  item?: ItemDetail | null
}) {
  return (
    <article
      class="post"
      id={`post-${post.id}`}
      aria-label={`${KIND_NAMES[post.kind]} by ${post.author.displayName}`}
    >
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
    </article>
  )
}

async function threadPage(
  c: Context<AppEnv>,
  form?: { error: string; kind: string; body: string },
) {
  const db = getDb(c.env.DB)
  const user = c.get('user')
  const threadId = c.req.param('id') ?? ''
  await visibleThread(db, threadId, user)
  const thread = await getThread(db, threadId)
  if (!thread) throw notFound('That thread')
  const posts = await listPosts(db, threadId, user?.id ?? null, { limit: 200 })
  const item = thread.target.kind === 'item' ? await getItem(db, thread.target.id) : null
  const myTallies =
    user && item ? await listTallies(db, user.id, { itemId: item.id, limit: 20 }) : []
  const replyTo = c.req.query('replyTo')
  const targetHref =
    thread.target.kind === 'item'
      ? `/items/${thread.target.id}`
      : `/misconceptions/${thread.target.id}`
  return c.html(
    <Layout title={thread.title} user={user}>
      <p class="muted">
        On <a href={targetHref}>{thread.target.id}</a>
        {thread.workgroupId && ' · visible to its workgroup only'}
      </p>
      <h1>{thread.title}</h1>
      {posts.map((post) => (
        <PostView post={post} user={user} threadId={thread.id} item={item} />
      ))}
      {thread.locked ? (
        <p class="card">This thread is locked: {thread.locked.reason}</p>
      ) : user ? (
        <form
          method="post"
          action={`/threads/${thread.id}/posts`}
          class="card"
          id="reply"
          data-thread={thread.id}
        >
          <h2>Reply</h2>
          {form && (
            <p role="alert" class="error">
              {form.error}
            </p>
          )}
          {replyTo && <input type="hidden" name="parentId" value={replyTo} />}
          <KindSelect id="reply-kind" value={form?.kind} />
          <BodyField id="reply-body" value={form?.body} label="Your reply" />
          <EvidenceFields
            id="reply-evidence"
            tallies={myTallies.map((t) => ({
              id: t.id,
              label: `${t.classLabel}, ${t.takenOn}: ${t.pupilsAnswering} pupils`,
            }))}
          />
          <p>
            <button type="submit">Post reply</button>
          </p>
        </form>
      ) : (
        <p>
          <a href={`/signin?next=/threads/${thread.id}`}>Sign in</a> to reply.
        </p>
      )}
    </Layout>,
    form ? 400 : 200,
  )
}

function requireSignedIn(c: Context<AppEnv>) {
  const user = c.get('user')
  if (!user) throw new ApiError(401, 'Sign in to take part in discussions')
  return user
}

/** The first problem with a post, in words, from the same schema the API uses. */
function postProblem(input: unknown): string | null {
  const parsed = NewPostInput.safeParse(input)
  return parsed.success
    ? null
    : parsed.error.issues.map((i) => `${i.path.join('.') || 'post'}: ${i.message}`).join('; ')
}

threadPages.get('/threads/:id', (c) => threadPage(c))

threadPages.post('/threads', async (c) => {
  const user = requireSignedIn(c)
  const db = getDb(c.env.DB)
  const form = await formValues(c)
  const { targetKind, targetId = '', workgroupId, title = '', body = '' } = form
  const evidence = await evidenceFromForm(db, user.id, form)
  const kind = evidence ? 'evidence' : (form.kind ?? 'question')
  if (targetKind !== 'item' && targetKind !== 'misconception')
    throw new ApiError(400, 'Unknown kind of target')
  await requireTarget(db, targetKind, targetId)
  if (workgroupId) await requireWorkgroupRole(db, workgroupId, user.id, 'member')
  const problem =
    postProblem({ kind, body, ...(evidence ? { evidence } : {}) }) ??
    (title.trim().length < 3 ? 'title: at least 3 characters' : null)
  if (problem) throw new ApiError(400, problem)
  await limitNewAccountPosting(c, db, user.id)
  const { threadId } = await discussions.createThread(db, user.id, {
    targetKind,
    targetId,
    workgroupId: workgroupId || undefined,
    title: title.trim().slice(0, 200),
    post: { kind: kind as PostKind, body, ...(evidence ? { evidence } : {}) },
  })
  return c.redirect(`/threads/${threadId}`, 303)
})

threadPages.post('/threads/:id/posts', async (c) => {
  const user = requireSignedIn(c)
  const db = getDb(c.env.DB)
  const thread = await visibleThread(db, c.req.param('id'), user)
  const form = await formValues(c)
  const { body = '', parentId } = form
  const evidence = await evidenceFromForm(db, user.id, form)
  const kind = evidence ? 'evidence' : (form.kind ?? 'question')
  const input = { kind, body, ...(parentId ? { parentId } : {}), ...(evidence ? { evidence } : {}) }
  const problem = postProblem(input)
  if (problem) return threadPage(c, { error: problem, kind, body })
  await limitNewAccountPosting(c, db, user.id)
  try {
    const postId = await discussions.addPost(
      db,
      thread,
      user.id,
      input as Parameters<typeof discussions.addPost>[3],
    )
    return c.redirect(`/threads/${thread.id}#post-${postId}`, 303)
  } catch (error) {
    // TeX that does not render, a reply to a missing post…: show the form again with the reason.
    if (error instanceof ApiError && error.status === 400) {
      const detail =
        error.errors?.map((e) => `${e.field}: ${e.message}`).join('; ') || error.message
      return threadPage(c, { error: detail, kind, body })
    }
    throw error
  }
})

async function ownPostPage(c: Context<AppEnv>, error?: string, draft?: string) {
  const user = requireSignedIn(c)
  const db = getDb(c.env.DB)
  const post = await discussions.ownPost(db, c.req.param('id') ?? '', user.id)
  await visibleThread(db, post.threadId, user)
  return c.html(
    <Layout title="Edit your post" user={user}>
      <h1>Edit your post</h1>
      <form method="post" action={`/posts/${post.id}/edit`} class="card">
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <BodyField id="edit-body" value={draft ?? post.bodySource ?? ''} />
        <p>
          <button type="submit">Save (the earlier version stays in the history)</button>
        </p>
      </form>
      <form method="post" action={`/posts/${post.id}/delete`}>
        <button type="submit" class="secondary">
          Delete this post
        </button>
      </form>
    </Layout>,
    error ? 400 : 200,
  )
}

threadPages.get('/posts/:id/edit', (c) => ownPostPage(c))

threadPages.post('/posts/:id/edit', async (c) => {
  const user = requireSignedIn(c)
  const db = getDb(c.env.DB)
  const post = await discussions.ownPost(db, c.req.param('id'), user.id)
  const thread = await visibleThread(db, post.threadId, user)
  const { body = '' } = await formValues(c)
  try {
    await discussions.editPost(db, thread, post, { body })
  } catch (error) {
    if (error instanceof ApiError && error.status === 400)
      return ownPostPage(c, error.errors?.[0]?.message ?? error.message, body)
    throw error
  }
  return c.redirect(`/threads/${thread.id}#post-${post.id}`, 303)
})

threadPages.post('/posts/:id/delete', async (c) => {
  const user = requireSignedIn(c)
  const db = getDb(c.env.DB)
  const post = await discussions.ownPost(db, c.req.param('id'), user.id)
  await visibleThread(db, post.threadId, user)
  await discussions.deletePost(db, post.id)
  return c.redirect(`/threads/${post.threadId}`, 303)
})

threadPages.get('/posts/:id/flag', (c) => {
  const user = requireSignedIn(c)
  return c.html(
    <Layout title="Flag a post" user={user} maths={false}>
      <h1>Flag a post for the moderators</h1>
      <form
        method="post"
        action={`/posts/${encodeURIComponent(c.req.param('id'))}/flag`}
        class="card"
      >
        <label for="flag-reason">What is wrong with it?</label>
        <input id="flag-reason" name="reason" type="text" required minlength={3} maxlength={500} />
        <p>
          <button type="submit">Flag</button>
        </p>
      </form>
    </Layout>,
  )
})

threadPages.post('/posts/:id/flag', async (c) => {
  const user = requireSignedIn(c)
  const db = getDb(c.env.DB)
  const { post } = await visiblePost(db, c.req.param('id'), user)
  if (post.authorId === user.id)
    throw new ApiError(400, 'You cannot flag your own post; edit or delete it instead')
  const { reason = '' } = await formValues(c)
  if (reason.trim().length < 3) throw new ApiError(400, 'Say briefly what is wrong with the post')
  await flagPost(db, c.req.param('id'), user.id, reason.trim())
  return c.html(
    <Layout title="Flagged" user={user} maths={false}>
      <h1>Thank you</h1>
      <p>The moderators will look at the post.</p>
    </Layout>,
  )
})
