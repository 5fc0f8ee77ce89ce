/** Discussion routes: threads on items and misconceptions, posts, moderation and feeds. */
import { createRoute, z } from '@hono/zod-openapi'
import { IfMatch, preconditionFailed, revisionedResponse } from '../lib/revisions.ts'
import { slug } from '../bank/schemas.ts'
import { threadTargetKinds } from '../db/schema.ts'
import { commonErrors, notFoundError, problem } from '../lib/errors.ts'
import { jsonBody, jsonResponse, signedInErrors } from '../lib/openapi.ts'
import { pageQuery, pageSchema } from '../lib/pagination.ts'
import {
  EditPostInput,
  Id,
  NewPostInput,
  NewThreadInput,
  PostParams,
  PostSchema,
  ReasonInput,
  RevisionSchema,
  ThreadParams,
  ThreadSchema,
} from './discussions.schemas.ts'

const errors = { ...notFoundError, ...signedInErrors } as const
const readErrors = { ...notFoundError, ...commonErrors } as const
const writeErrors = {
  ...errors,
  409: problem('The thread is locked, or the change does not fit the thread'),
  429: problem('A new account posting too often'),
} as const
const tags = ['Discussions']

export const listThreads = createRoute({
  method: 'get',
  path: '/api/threads',
  tags,
  summary: 'Threads on an item or misconception you can see (public, and your workgroups)',
  request: {
    query: z.strictObject({ targetKind: z.enum(threadTargetKinds), targetId: slug, ...pageQuery }),
  },
  responses: { 200: jsonResponse('A page of threads', pageSchema(ThreadSchema)), ...readErrors },
})

export const createThread = createRoute({
  method: 'post',
  path: '/api/threads',
  tags,
  summary: 'Start a thread (public, or in one of your workgroups) with its first post',
  request: { body: jsonBody(NewThreadInput) },
  responses: {
    201: jsonResponse('Created', ThreadSchema.extend({ firstPost: PostSchema })),
    ...writeErrors,
  },
})

export const getThread = createRoute({
  method: 'get',
  path: '/api/threads/{threadId}',
  tags,
  summary: 'A thread (workgroup threads: members only, 404 otherwise)',
  request: { params: ThreadParams },
  responses: { 200: jsonResponse('The thread', ThreadSchema), ...readErrors },
})

export const listPosts = createRoute({
  method: 'get',
  path: '/api/threads/{threadId}/posts',
  tags,
  summary: 'Posts in a thread, oldest first, paginated',
  request: { params: ThreadParams, query: z.strictObject(pageQuery) },
  responses: { 200: jsonResponse('A page of posts', pageSchema(PostSchema)), ...readErrors },
})

export const createPost = createRoute({
  method: 'post',
  path: '/api/threads/{threadId}/posts',
  tags,
  summary: 'Post in a thread: a reply (parentId) and/or a quote (quoteId) of another post',
  request: { params: ThreadParams, body: jsonBody(NewPostInput) },
  responses: { 201: jsonResponse('Posted', PostSchema), ...writeErrors },
})

export const setAcceptedAnswer = createRoute({
  method: 'put',
  path: '/api/threads/{threadId}/accepted-answer',
  tags,
  summary: "Accept an answer to a question thread (the thread's author); null to clear",
  request: {
    params: ThreadParams,
    body: jsonBody(z.strictObject({ postId: z.string().max(40).nullable() })),
  },
  responses: { 200: jsonResponse('The thread', ThreadSchema), ...writeErrors },
})

export const moderateThread = createRoute({
  method: 'post',
  path: '/api/threads/{threadId}/moderation',
  tags,
  summary: 'Lock or unlock a thread, with a reason (moderators)',
  request: {
    params: ThreadParams,
    body: jsonBody(ReasonInput.extend({ action: z.enum(['lock', 'unlock']) })),
  },
  responses: { 200: jsonResponse('The thread', ThreadSchema), ...errors },
})

export const editPost = createRoute({
  method: 'patch',
  path: '/api/posts/{postId}',
  tags,
  summary: 'Edit your post; the previous version stays in its revision history',
  request: { params: PostParams, headers: IfMatch, body: jsonBody(EditPostInput) },
  responses: {
    200: revisionedResponse('Edited', PostSchema),
    ...preconditionFailed,
    ...writeErrors,
  },
})

export const deletePost = createRoute({
  method: 'delete',
  path: '/api/posts/{postId}',
  tags,
  summary: 'Delete your post, leaving a tombstone so the thread keeps its shape',
  request: { params: PostParams },
  responses: { 204: { description: 'Deleted' }, ...errors },
})

export const listRevisions = createRoute({
  method: 'get',
  path: '/api/posts/{postId}/revisions',
  tags,
  summary: "A post's revision history, first version first",
  request: { params: PostParams },
  responses: {
    200: jsonResponse('Revisions', z.object({ data: z.array(RevisionSchema) })),
    ...readErrors,
  },
})

const endorsement = (method: 'put' | 'delete', summary: string) =>
  createRoute({
    method,
    path: '/api/posts/{postId}/endorsement',
    tags,
    summary,
    request: { params: PostParams },
    responses: { 204: { description: 'Done' }, ...errors },
  })
export const endorsePost = endorsement('put', 'Endorse a post (once per person)')
export const unendorsePost = endorsement('delete', 'Take back your endorsement')

export const flagPost = createRoute({
  method: 'post',
  path: '/api/posts/{postId}/flags',
  tags,
  summary: 'Flag a post for moderators, with a reason',
  request: { params: PostParams, body: jsonBody(ReasonInput) },
  responses: { 204: { description: 'Flagged' }, ...errors },
})

export const moderatePost = createRoute({
  method: 'post',
  path: '/api/posts/{postId}/moderation',
  tags,
  summary: 'Hide or restore a post, with a reason (moderators)',
  request: {
    params: PostParams,
    body: jsonBody(ReasonInput.extend({ action: z.enum(['hide', 'restore']) })),
  },
  responses: { 200: jsonResponse('The post', PostSchema), ...errors },
})

const QueueEntry = z.object({
  post: PostSchema.extend({ flaggedHtml: z.string() }),
  firstFlaggedAt: z.string(),
  flags: z.array(z.object({ reason: z.string(), at: z.string() })),
})

export const moderationQueue = createRoute({
  method: 'get',
  path: '/api/moderation/queue',
  tags,
  summary:
    "Flagged posts awaiting a decision: public threads' (curators, admins) or a workgroup's (its leads)",
  request: {
    query: z.strictObject({
      workgroupId: Id.optional().openapi({ description: "A workgroup's queue (its leads)" }),
      ...pageQuery,
    }),
  },
  responses: { 200: jsonResponse('A page of flagged posts', pageSchema(QueueEntry)), ...errors },
})

export const workgroupFeed = createRoute({
  method: 'get',
  path: '/api/feeds/workgroups',
  tags,
  summary: 'New posts in your workgroups, newest first',
  request: {
    query: z.strictObject({
      since: z.iso
        .datetime()
        .max(40)
        .optional()
        .openapi({ description: 'Only posts after this time' }),
      ...pageQuery,
    }),
  },
  responses: { 200: jsonResponse('A page of posts', pageSchema(PostSchema)), ...errors },
})

export const participatingFeed = createRoute({
  method: 'get',
  path: '/api/feeds/participating',
  tags,
  summary: 'Threads you take part in, most recently active first',
  request: { query: z.strictObject(pageQuery) },
  responses: { 200: jsonResponse('A page of threads', pageSchema(ThreadSchema)), ...errors },
})
