/** A teacher's own posts (edit, delete) and flagging others' posts for the moderators. */
import { Hono, type Context } from 'hono'
import { currentUser, type AppEnv } from '../lib/context.ts'
import * as discussions from '../discussions/discussions.queries.ts'
import { visiblePost, visibleThread } from '../discussions/guards.ts'
import { flagPost } from '../discussions/moderation.queries.ts'
import { getDb } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'
import { formRevision, requireRevision } from '../lib/revisions.ts'
import { ReasonInput } from '../discussions/discussions.schemas.ts'
import { FormErrors } from './form-errors.tsx'
import { formValues, parseForm } from './forms.ts'
import { BodyField } from './thread-view.tsx'
import { Layout } from './layout.tsx'

export const postPages = new Hono<AppEnv>()

const STALE_POST =
  'This post was edited somewhere else after you opened it. Your text is below, not saved yet; saving it replaces that edit.'

async function ownPostPage(c: Context<AppEnv>, error?: string, draft?: string) {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const post = await discussions.ownPost(db, c.req.param('id') ?? '', user.id)
  await visibleThread(db, post.threadId, user)
  return c.html(
    <Layout title="Edit your post" user={user}>
      <h1>Edit your post</h1>
      <form method="post" action={`/posts/${post.id}/edit`} class="card">
        <input type="hidden" name="revision" value={String(post.revision)} />
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

postPages.get('/posts/:id/edit', (c) => ownPostPage(c))

postPages.post('/posts/:id/edit', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const post = await discussions.ownPost(db, c.req.param('id'), user.id)
  const thread = await visibleThread(db, post.threadId, user)
  const { body = '', revision } = await formValues(c)
  try {
    requireRevision(post.revision, formRevision(revision))
    await discussions.editPost(db, thread, post, { body })
  } catch (error) {
    if (error instanceof ApiError && error.status === 400)
      return ownPostPage(c, error.errors?.[0]?.message ?? error.message, body)
    // Edited meanwhile (another tab): keep this text, and saving it again replaces that edit.
    if (error instanceof ApiError && (error.status === 412 || error.status === 409))
      return ownPostPage(c, STALE_POST, body)
    throw error
  }
  return c.redirect(`/threads/${thread.id}#post-${post.id}`, 303)
})

postPages.post('/posts/:id/delete', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const post = await discussions.ownPost(db, c.req.param('id'), user.id)
  await visibleThread(db, post.threadId, user)
  await discussions.deletePost(db, post.id)
  return c.redirect(`/threads/${post.threadId}`, 303)
})

/** Endorse a post, or take the endorsement back: the endorsement API's rule, from a button. */
postPages.post('/posts/:id/endorsement', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const { post } = await visiblePost(db, c.req.param('id'), user)
  if (post.deletedAt) throw notFound('That post')
  const { endorse } = await formValues(c)
  await discussions.setEndorsement(db, post.id, user.id, endorse !== 'no')
  return c.redirect(`/threads/${post.threadId}#post-${post.id}`, 303)
})

function flagPage(c: Context<AppEnv>, form?: { errors: string[]; reason: string }) {
  const user = currentUser(c)
  return c.html(
    <Layout title="Flag a post" user={user} maths={false}>
      <h1>Flag a post for the moderators</h1>
      <form
        method="post"
        action={`/posts/${encodeURIComponent(c.req.param('id') ?? '')}/flag`}
        class="card"
      >
        <FormErrors errors={form?.errors} />
        <label for="flag-reason">What is wrong with it?</label>
        <input
          id="flag-reason"
          name="reason"
          type="text"
          required
          minlength={3}
          maxlength={500}
          value={form?.reason ?? ''}
        />
        <p>
          <button type="submit">Flag</button>
        </p>
      </form>
    </Layout>,
    form ? 400 : 200,
  )
}

postPages.get('/posts/:id/flag', (c) => flagPage(c))

postPages.post('/posts/:id/flag', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const { post } = await visiblePost(db, c.req.param('id'), user)
  if (post.authorId === user.id)
    throw new ApiError(400, 'You cannot flag your own post; edit or delete it instead')
  const { reason = '' } = await formValues(c)
  const parsed = parseForm(ReasonInput, { reason })
  if (parsed.errors) return flagPage(c, { errors: parsed.errors, reason })
  await flagPost(db, c.req.param('id'), user.id, parsed.data.reason)
  return c.html(
    <Layout title="Flagged" user={user} maths={false}>
      <h1>Thank you</h1>
      <p>The moderators will look at the post.</p>
    </Layout>,
  )
})
