/**
 * The moderation queue in the browser: flagged posts with their thread and what they said (even
 * once hidden), the flags' reasons, hide or restore with a reason, lock or unlock the thread.
 * Public threads are for hub curators and site admins; `?workgroupId=` is a workgroup's own queue
 * for its leads. The same guards (requireModeratorOf, requireModerator) and queries as the API.
 */
import { type Context, Hono } from 'hono'
import { ReasonInput } from '../discussions/discussions.schemas.ts'
import {
  requireModerator,
  requireModeratorOf,
  visiblePost,
  visibleThread,
} from '../discussions/guards.ts'
import * as moderation from '../discussions/moderation.queries.ts'
import { getThread } from '../discussions/posts.queries.ts'
import { currentUser, type AppEnv } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import { ApiError } from '../lib/errors.ts'
import { formValues, parseForm } from './forms.ts'
import { Done, doneMessage } from './hub-common.tsx'
import { Html, Layout } from './layout.tsx'

export const moderationPages = new Hono<AppEnv>()

const QUEUE_SIZE = 50
const workgroupOf = (c: Context<AppEnv>) => {
  const id = c.req.query('workgroupId')
  return id && /^[\w-]{1,40}$/.test(id) ? id : null
}
const back = (workgroupId: string | null, done: string) =>
  `/moderation?${new URLSearchParams({ ...(workgroupId ? { workgroupId } : {}), done })}`

/** A reason field and its button: every moderation action says why. */
function ReasonForm(props: {
  action: string
  verb: string
  value: string
  name: string
  id: string
}) {
  return (
    <form method="post" action={props.action} class="reason-form">
      <input type="hidden" name="action" value={props.value} />
      <label for={props.id}>
        Why {props.verb.toLowerCase()} {props.name}?
      </label>
      <input id={props.id} name="reason" type="text" required minlength={3} maxlength={500} />
      <p>
        <button type="submit" class="secondary">
          {props.verb}
        </button>
      </p>
    </form>
  )
}

moderationPages.get('/moderation', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const workgroupId = workgroupOf(c)
  await requireModeratorOf(db, workgroupId, user)
  const queue = await moderation.moderationQueue(
    db,
    user.id,
    { workgroupId },
    { limit: QUEUE_SIZE },
  )
  const threads = new Map(
    (
      await Promise.all(
        [...new Set(queue.map((e) => e.post.threadId))].map((id) => getThread(db, id)),
      )
    )
      .filter((t) => t !== null)
      .map((t) => [t.id, t]),
  )
  const query = workgroupId ? `?workgroupId=${workgroupId}` : ''
  return c.html(
    <Layout title="Moderation queue" user={user} maths>
      <link rel="stylesheet" href="/hub.css" />
      <h1>Moderation queue</h1>
      <p class="muted">
        {workgroupId
          ? 'Flagged posts in this workgroup’s threads'
          : 'Flagged posts in public threads'}
        , oldest flag first.
      </p>
      <Done
        message={doneMessage(c, {
          hidden: 'Post hidden.',
          restored: 'Post restored.',
          locked: 'Thread locked.',
          unlocked: 'Thread unlocked.',
        })}
      />
      {queue.length === 0 && <p>No flagged posts. Nothing to do.</p>}
      {queue.slice(0, QUEUE_SIZE).map((entry, n) => {
        const thread = threads.get(entry.post.threadId)
        const target =
          thread?.target.kind === 'item'
            ? `/items/${thread.target.id}`
            : `/misconceptions/${thread?.target.id}`
        return (
          <article class="card" aria-labelledby={`flag-${n}`}>
            <h2 id={`flag-${n}`}>
              {entry.flags.length} {entry.flags.length === 1 ? 'flag' : 'flags'} on a post by{' '}
              {entry.post.author.displayName}
            </h2>
            {thread && (
              <p class="muted">
                In <a href={`/threads/${thread.id}#post-${entry.post.id}`}>{thread.title}</a> (on{' '}
                <a href={target}>{thread.target.kind === 'item' ? 'an item' : 'a misconception'}</a>
                {thread.locked && ', locked'}) · posted {entry.post.createdAt.slice(0, 10)}
                {entry.post.hidden && ` · hidden: ${entry.post.hidden.reason}`}
              </p>
            )}
            <div class="flagged-post">
              <Html html={entry.post.flaggedHtml} />
            </div>
            <h3>Why it was flagged</h3>
            <ul>
              {entry.flags.map((f) => (
                <li>
                  {f.reason} <span class="muted">({f.at.slice(0, 10)})</span>
                </li>
              ))}
            </ul>
            <div class="moderation-actions">
              <ReasonForm
                action={`/moderation/posts/${entry.post.id}${query}`}
                verb={entry.post.hidden ? 'Restore' : 'Hide'}
                value={entry.post.hidden ? 'restore' : 'hide'}
                name="this post"
                id={`post-reason-${n}`}
              />
              {thread && (
                <ReasonForm
                  action={`/moderation/threads/${thread.id}${query}`}
                  verb={thread.locked ? 'Unlock' : 'Lock'}
                  value={thread.locked ? 'unlock' : 'lock'}
                  name="the thread"
                  id={`thread-reason-${n}`}
                />
              )}
            </div>
          </article>
        )
      })}
    </Layout>,
  )
})

async function reasonFrom(c: Context<AppEnv>) {
  const values = await formValues(c)
  const parsed = parseForm(ReasonInput, { reason: values.reason ?? '' })
  if (parsed.errors)
    throw new ApiError(400, `Give a reason of at least 3 characters (${parsed.errors.join('; ')})`)
  return { action: values.action, reason: parsed.data.reason }
}

moderationPages.post('/moderation/posts/:id', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const { post, thread } = await visiblePost(db, c.req.param('id'), user)
  await requireModerator(db, thread, user)
  const { action, reason } = await reasonFrom(c)
  if (action !== 'hide' && action !== 'restore') throw new ApiError(400, 'Hide or restore?')
  await moderation.moderatePost(db, user.id, thread, post.id, action, reason)
  return c.redirect(back(thread.workgroupId, action === 'hide' ? 'hidden' : 'restored'), 303)
})

moderationPages.post('/moderation/threads/:id', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const thread = await visibleThread(db, c.req.param('id'), user)
  await requireModerator(db, thread, user)
  const { action, reason } = await reasonFrom(c)
  if (action !== 'lock' && action !== 'unlock') throw new ApiError(400, 'Lock or unlock?')
  await moderation.lockThread(db, user.id, thread, action, reason)
  return c.redirect(back(thread.workgroupId, `${action}ed`), 303)
})
