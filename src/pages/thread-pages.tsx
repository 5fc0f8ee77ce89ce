/**
 * Discussion pages: a thread with its posts, and the forms to start a thread and reply. Plain
 * forms over the same query functions and guards as the discussion API, so a workgroup's thread
 * is invisible outside it here too.
 */
import { Hono, type Context } from 'hono'
import { currentUser, type AppEnv } from '../lib/context.ts'
import * as discussions from '../discussions/discussions.queries.ts'
import { NewPostInput, NewThreadInput, OPTION_LABELS } from '../discussions/discussions.schemas.ts'
import { limitNewAccountPosting, requireTarget, visibleThread } from '../discussions/guards.ts'
import { getThread, listPosts } from '../discussions/posts.queries.ts'
import { listTallies, requireOwnTally } from '../evidence/tallies.queries.ts'
import { getItem } from '../items/items.queries.ts'
import { type Db, getDb } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'
import { requireWorkgroupRole } from '../workgroups/workgroups.queries.ts'
import { formValues, parseForm } from './forms.ts'
import { misconceptionTitles } from '../misconceptions/misconceptions.queries.ts'
import { plainText } from '../lib/plain-text.ts'
import {
  BodyField,
  EvidenceFields,
  KindSelect,
  parentOf,
  PostView,
  replyKind,
} from './thread-view.tsx'
import { Layout } from './layout.tsx'

export const threadPages = new Hono<AppEnv>()

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
  const misconception =
    thread.target.kind === 'misconception'
      ? (await misconceptionTitles(db, [thread.target.id])).get(thread.target.id)
      : undefined
  const myTallies =
    user && item ? await listTallies(db, user.id, { itemId: item.id, limit: 20 }) : []
  const byId = new Map(posts.map((p) => [p.id, p]))
  const replyTo = c.req.query('replyTo')
  const replyingTo = replyTo ? byId.get(replyTo) : undefined
  // A reply to a question (the one picked, or the thread's first post) starts as an answer.
  const defaultKind = replyKind((replyingTo ?? posts[0])?.kind)
  const targetHref =
    thread.target.kind === 'item'
      ? `/items/${thread.target.id}`
      : `/misconceptions/${thread.target.id}`
  const stem = item ? plainText(item.stem.source).replace(/\s+/g, ' ').trim() : ''
  return c.html(
    <Layout title={thread.title} user={user}>
      <p class="muted">
        {item ? 'On the item ' : 'On the misconception '}
        <a href={targetHref}>{item?.construct ?? misconception ?? 'no longer in the bank'}</a>
        {stem && ` — “${stem.length > 140 ? `${stem.slice(0, 140)}…` : stem}”`}
        {thread.workgroupId && ' · visible to its workgroup only'}
      </p>
      <h1>{thread.title}</h1>
      {posts.map((post) => (
        <PostView
          post={post}
          user={user}
          threadId={thread.id}
          item={item}
          parent={post.parentId ? parentOf(byId.get(post.parentId)) : undefined}
        />
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
          {replyingTo && (
            <p class="in-reply-to">
              Replying to <a href={`#post-${replyingTo.id}`}>{replyingTo.author.displayName}</a> ·{' '}
              <a href={`/threads/${thread.id}#reply`}>reply to the thread instead</a>
            </p>
          )}
          <KindSelect id="reply-kind" value={form?.kind ?? defaultKind} />
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
  for (const l of OPTION_LABELS) {
    const value = form[`count_${l}`]?.trim()
    if (value) counts[l] = Number(value)
  }
  return { pupilsAsked: Number(form.pupilsAsked), counts }
}

threadPages.get('/threads/:id', (c) => threadPage(c))

threadPages.post('/threads', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const form = await formValues(c)
  const { targetKind, targetId = '', workgroupId, title = '', body = '' } = form
  const evidence = await evidenceFromForm(db, user.id, form)
  const kind = evidence ? 'evidence' : (form.kind ?? 'question')
  const parsed = parseForm(NewThreadInput, {
    targetKind,
    targetId,
    workgroupId: workgroupId || undefined,
    title,
    post: { kind, body, ...(evidence ? { evidence } : {}) },
  })
  if (parsed.errors) throw new ApiError(400, parsed.errors.join('; '))
  const input = parsed.data
  await requireTarget(db, input.targetKind, input.targetId)
  if (input.workgroupId) await requireWorkgroupRole(db, input.workgroupId, user.id, 'member')
  await limitNewAccountPosting(c, db, user.id)
  const { threadId } = await discussions.createThread(db, user.id, input)
  return c.redirect(`/threads/${threadId}`, 303)
})

threadPages.post('/threads/:id/posts', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const thread = await visibleThread(db, c.req.param('id'), user)
  const form = await formValues(c)
  const { body = '', parentId } = form
  const evidence = await evidenceFromForm(db, user.id, form)
  const kind = evidence ? 'evidence' : (form.kind ?? 'question')
  const parsed = parseForm(NewPostInput, {
    kind,
    body,
    ...(parentId ? { parentId } : {}),
    ...(evidence ? { evidence } : {}),
  })
  if (parsed.errors) return threadPage(c, { error: parsed.errors.join('; '), kind, body })
  await limitNewAccountPosting(c, db, user.id)
  try {
    const postId = await discussions.addPost(db, thread, user.id, parsed.data)
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
