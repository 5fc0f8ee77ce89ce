/** The discussion handlers, each typed against its route in discussions.routes.ts. */
import { currentUser, type AppRouteHandler } from '../lib/context.ts'
import { type Db, getDb } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { decodeCursor, toPage } from '../lib/pagination.ts'
import { requireWorkgroupRole } from '../workgroups/workgroups.queries.ts'
import { expectedRevision, requireRevision, tagRevision } from '../lib/revisions.ts'
import * as queries from './discussions.queries.ts'
import type * as routes from './discussions.routes.ts'
import * as feeds from './feeds.queries.ts'
import {
  limitNewAccountPosting,
  requireModerator,
  requireModeratorOf,
  requireTarget,
  visiblePost,
  visibleThread,
} from './guards.ts'
import * as moderation from './moderation.queries.ts'
import * as postQueries from './posts.queries.ts'

async function threadOr404(db: Db, threadId: string) {
  const thread = await postQueries.getThread(db, threadId)
  if (!thread) throw notFound('That thread')
  return thread
}

async function postOr404(db: Db, postId: string, viewerId: string | null) {
  const post = await postQueries.getPost(db, postId, viewerId)
  if (!post) throw notFound('That post')
  return post
}

export const listThreads: AppRouteHandler<typeof routes.listThreads> = async (c) => {
  const { targetKind, targetId, limit, cursor } = c.req.valid('query')
  const db = getDb(c.env.DB)
  await requireTarget(db, targetKind, targetId)
  const rows = await feeds.threadsOn(
    db,
    { kind: targetKind, id: targetId },
    c.get('user')?.id ?? null,
    { limit, after: decodeCursor(cursor) },
  )
  return c.json(toPage(rows, limit, feeds.threadKey), 200)
}

export const createThread: AppRouteHandler<typeof routes.createThread> = async (c) => {
  const db = getDb(c.env.DB)
  const user = currentUser(c)
  const input = c.req.valid('json')
  if (input.workgroupId) await requireWorkgroupRole(db, input.workgroupId, user.id, 'member')
  await requireTarget(db, input.targetKind, input.targetId)
  await limitNewAccountPosting(c, db, user.id)
  const { threadId, postId } = await queries.createThread(db, user.id, input)
  const thread = await threadOr404(db, threadId)
  return c.json({ ...thread, firstPost: await postOr404(db, postId, user.id) }, 201)
}

export const getThread: AppRouteHandler<typeof routes.getThread> = async (c) => {
  const db = getDb(c.env.DB)
  const { threadId } = c.req.valid('param')
  await visibleThread(db, threadId, c.get('user'))
  return c.json(await threadOr404(db, threadId), 200)
}

export const listPosts: AppRouteHandler<typeof routes.listPosts> = async (c) => {
  const db = getDb(c.env.DB)
  const { threadId } = c.req.valid('param')
  const { limit, cursor } = c.req.valid('query')
  await visibleThread(db, threadId, c.get('user'))
  const rows = await postQueries.listPosts(db, threadId, c.get('user')?.id ?? null, {
    limit,
    after: decodeCursor(cursor),
  })
  return c.json(toPage(rows, limit, postQueries.postKey), 200)
}

export const createPost: AppRouteHandler<typeof routes.createPost> = async (c) => {
  const db = getDb(c.env.DB)
  const user = currentUser(c)
  const thread = await visibleThread(db, c.req.valid('param').threadId, user)
  queries.requireOpen(thread)
  await limitNewAccountPosting(c, db, user.id)
  const postId = await queries.addPost(db, thread, user.id, c.req.valid('json'))
  return c.json(await postOr404(db, postId, user.id), 201)
}

export const setAcceptedAnswer: AppRouteHandler<typeof routes.setAcceptedAnswer> = async (c) => {
  const db = getDb(c.env.DB)
  const user = currentUser(c)
  const thread = await visibleThread(db, c.req.valid('param').threadId, user)
  await queries.setAcceptedAnswer(db, thread, user.id, c.req.valid('json').postId)
  return c.json(await threadOr404(db, thread.id), 200)
}

export const moderateThread: AppRouteHandler<typeof routes.moderateThread> = async (c) => {
  const db = getDb(c.env.DB)
  const user = currentUser(c)
  const thread = await visibleThread(db, c.req.valid('param').threadId, user)
  await requireModerator(db, thread, user)
  const { action, reason } = c.req.valid('json')
  await moderation.lockThread(db, user.id, thread, action, reason)
  return c.json(await threadOr404(db, thread.id), 200)
}

export const editPost: AppRouteHandler<typeof routes.editPost> = async (c) => {
  const db = getDb(c.env.DB)
  const user = currentUser(c)
  const { thread } = await visiblePost(db, c.req.valid('param').postId, user)
  const post = await queries.ownPost(db, c.req.valid('param').postId, user.id)
  requireRevision(post.revision, expectedRevision(c.req.valid('header')['if-match']))
  await queries.editPost(db, thread, post, c.req.valid('json'))
  const edited = await postOr404(db, post.id, user.id)
  tagRevision(c, edited.revision)
  return c.json(edited, 200)
}

export const deletePost: AppRouteHandler<typeof routes.deletePost> = async (c) => {
  const db = getDb(c.env.DB)
  const user = currentUser(c)
  const { postId } = c.req.valid('param')
  await visiblePost(db, postId, user)
  await queries.ownPost(db, postId, user.id)
  await queries.deletePost(db, postId)
  return c.body(null, 204)
}

export const listRevisions: AppRouteHandler<typeof routes.listRevisions> = async (c) => {
  const db = getDb(c.env.DB)
  const { post } = await visiblePost(db, c.req.valid('param').postId, c.get('user'))
  // A hidden post's history would show what was hidden; a deleted one has none.
  const data = post.hiddenAt ? [] : await queries.listRevisions(db, post.id)
  return c.json({ data }, 200)
}

export const endorsePost: AppRouteHandler<typeof routes.endorsePost> = async (c) => {
  const db = getDb(c.env.DB)
  const user = currentUser(c)
  const { post } = await visiblePost(db, c.req.valid('param').postId, user)
  if (post.deletedAt) throw notFound('That post')
  await queries.setEndorsement(db, post.id, user.id, true)
  return c.body(null, 204)
}

export const unendorsePost: AppRouteHandler<typeof routes.unendorsePost> = async (c) => {
  const db = getDb(c.env.DB)
  const user = currentUser(c)
  const { post } = await visiblePost(db, c.req.valid('param').postId, user)
  await queries.setEndorsement(db, post.id, user.id, false)
  return c.body(null, 204)
}

export const flagPost: AppRouteHandler<typeof routes.flagPost> = async (c) => {
  const db = getDb(c.env.DB)
  const user = currentUser(c)
  const { post } = await visiblePost(db, c.req.valid('param').postId, user)
  await moderation.flagPost(db, post.id, user.id, c.req.valid('json').reason)
  return c.body(null, 204)
}

export const moderatePost: AppRouteHandler<typeof routes.moderatePost> = async (c) => {
  const db = getDb(c.env.DB)
  const user = currentUser(c)
  const { post, thread } = await visiblePost(db, c.req.valid('param').postId, user)
  await requireModerator(db, thread, user)
  const { action, reason } = c.req.valid('json')
  await moderation.moderatePost(db, user.id, thread, post.id, action, reason)
  return c.json(await postOr404(db, post.id, user.id), 200)
}

export const moderationQueue: AppRouteHandler<typeof routes.moderationQueue> = async (c) => {
  const db = getDb(c.env.DB)
  const user = currentUser(c)
  const { limit, cursor, workgroupId } = c.req.valid('query')
  await requireModeratorOf(db, workgroupId ?? null, user)
  const rows = await moderation.moderationQueue(
    db,
    user.id,
    { workgroupId: workgroupId ?? null },
    { limit, after: decodeCursor(cursor) },
  )
  return c.json(toPage(rows, limit, moderation.queueKey), 200)
}

export const workgroupFeed: AppRouteHandler<typeof routes.workgroupFeed> = async (c) => {
  const { limit, cursor, since } = c.req.valid('query')
  const rows = await feeds.workgroupFeed(getDb(c.env.DB), currentUser(c).id, {
    limit,
    since,
    after: decodeCursor(cursor),
  })
  return c.json(toPage(rows, limit, postQueries.postKey), 200)
}

export const participatingFeed: AppRouteHandler<typeof routes.participatingFeed> = async (c) => {
  const { limit, cursor } = c.req.valid('query')
  const rows = await feeds.participatingFeed(getDb(c.env.DB), currentUser(c).id, {
    limit,
    after: decodeCursor(cursor),
  })
  return c.json(toPage(rows, limit, feeds.threadKey), 200)
}
