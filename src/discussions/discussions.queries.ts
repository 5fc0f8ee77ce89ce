/**
 * Writing threads and posts. A post and its revision are written in one batch, so a post is
 * stored whole or not at all; editing adds a revision, deleting leaves a tombstone.
 */
import { and, eq } from 'drizzle-orm'
import { newId } from '../accounts/secrets.ts'
import {
  type EvidenceCounts,
  type PostKind,
  postReactions,
  postRevisions,
  posts,
  threads,
  type ThreadTargetKind,
} from '../db/schema.ts'
import { type Db, orConflict } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'
import { checkEvidence, invalid, renderField } from './guards.ts'
import type { ThreadRow } from './posts.queries.ts'

export interface NewPost {
  kind: PostKind
  body: string
  evidence?: EvidenceCounts | null
  parentId?: string
  quoteId?: string
}

export const requireOpen = (thread: ThreadRow) => {
  if (thread.lockedAt)
    throw new ApiError(409, 'This thread is locked: it takes no new posts or edits')
}

async function postInThread(db: Db, threadId: string, postId: string, field: string) {
  const [row] = await db
    .select({ id: posts.id, deletedAt: posts.deletedAt })
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.threadId, threadId)))
  if (!row) throw invalid(field, 'no such post in this thread')
  return row
}

/** The statements that add a post (and its first revision) to a thread. */
async function postStatements(db: Db, thread: ThreadRow, authorId: string, input: NewPost) {
  if (input.parentId) await postInThread(db, thread.id, input.parentId, 'parentId')
  if (input.quoteId) await postInThread(db, thread.id, input.quoteId, 'quoteId')
  await checkEvidence(
    db,
    'evidence',
    input.evidence,
    thread.targetKind === 'item' ? thread.targetId : null,
  )
  const now = new Date().toISOString()
  const post = {
    id: newId(),
    threadId: thread.id,
    authorId,
    parentId: input.parentId ?? null,
    quotePostId: input.quoteId ?? null,
    kind: input.kind,
    bodySource: input.body,
    bodyHtml: await renderField('body', input.body),
    evidence: input.evidence ?? null,
    createdAt: now,
  }
  const { id: postId, kind, bodySource, bodyHtml, evidence } = post
  return {
    id: postId,
    statements: [
      db.insert(posts).values(post),
      db
        .insert(postRevisions)
        .values({ postId, revision: 1, kind, bodySource, bodyHtml, evidence, createdAt: now }),
      db.update(threads).set({ lastPostAt: now }).where(eq(threads.id, thread.id)),
    ] as const,
  }
}

export async function createThread(
  db: Db,
  authorId: string,
  input: {
    targetKind: ThreadTargetKind
    targetId: string
    workgroupId?: string
    title: string
    post: NewPost
  },
) {
  const now = new Date().toISOString()
  const thread: ThreadRow = {
    id: newId(),
    targetKind: input.targetKind,
    targetId: input.targetId,
    workgroupId: input.workgroupId ?? null,
    title: input.title,
    createdBy: authorId,
    createdAt: now,
    lastPostAt: now,
    acceptedPostId: null,
    lockedAt: null,
    lockedBy: null,
    lockReason: null,
  }
  const { parentId: _parent, quoteId: _quote, ...first } = input.post
  const post = await postStatements(db, thread, authorId, first)
  await db.batch([db.insert(threads).values(thread), ...post.statements])
  return { threadId: thread.id, postId: post.id }
}

export async function addPost(db: Db, thread: ThreadRow, authorId: string, input: NewPost) {
  requireOpen(thread)
  const post = await postStatements(db, thread, authorId, input)
  await db.batch(post.statements)
  return post.id
}

/** The post, if it is the caller's own and not deleted; 403 for someone else's. */
export async function ownPost(db: Db, postId: string, userId: string) {
  const [post] = await db.select().from(posts).where(eq(posts.id, postId))
  if (!post || post.deletedAt) throw notFound('That post')
  if (post.authorId !== userId) throw new ApiError(403, 'Only its author may change a post')
  return post
}

export async function editPost(
  db: Db,
  thread: ThreadRow,
  post: typeof posts.$inferSelect,
  changes: { kind?: PostKind; body?: string; evidence?: EvidenceCounts | null },
) {
  requireOpen(thread)
  const kind = changes.kind ?? post.kind
  const evidence =
    kind === 'evidence' ? (changes.evidence === undefined ? post.evidence : changes.evidence) : null
  await checkEvidence(
    db,
    'evidence',
    evidence,
    thread.targetKind === 'item' ? thread.targetId : null,
  )
  const bodySource = changes.body ?? post.bodySource
  const bodyHtml =
    changes.body === undefined ? post.bodyHtml : await renderField('body', changes.body)
  const revision = post.revision + 1
  const now = new Date().toISOString()
  // Two edits of one revision at once: the second's revision row breaks the primary key and its
  // whole batch rolls back, so one edit wins and the other is told to reload.
  await orConflict(
    db.batch([
      db
        .update(posts)
        .set({ kind, bodySource, bodyHtml, evidence, revision, editedAt: now })
        .where(and(eq(posts.id, post.id), eq(posts.revision, post.revision))),
      db.insert(postRevisions).values({
        postId: post.id,
        revision,
        kind,
        bodySource,
        bodyHtml,
        evidence,
        createdAt: now,
      }),
    ]),
    `This post was edited meanwhile (it is now past revision ${post.revision}); reload it and edit again`,
  )
}

/** A tombstone: the body and its history go, the row stays so replies keep their shape. */
export async function deletePost(db: Db, postId: string) {
  await db.batch([
    db
      .update(posts)
      .set({ bodySource: '', bodyHtml: '', evidence: null, deletedAt: new Date().toISOString() })
      .where(eq(posts.id, postId)),
    db.delete(postRevisions).where(eq(postRevisions.postId, postId)),
    db.delete(postReactions).where(eq(postReactions.postId, postId)),
    db.update(threads).set({ acceptedPostId: null }).where(eq(threads.acceptedPostId, postId)),
  ])
}

export async function listRevisions(db: Db, postId: string) {
  const rows = await db
    .select()
    .from(postRevisions)
    .where(eq(postRevisions.postId, postId))
    .orderBy(postRevisions.revision)
  return rows.map((r) => ({
    revision: r.revision,
    kind: r.kind,
    body: { source: r.bodySource, html: r.bodyHtml },
    evidence: r.evidence ?? null,
    createdAt: r.createdAt,
  }))
}

export async function setEndorsement(db: Db, postId: string, userId: string, on: boolean) {
  if (on)
    await db
      .insert(postReactions)
      .values({ postId, userId, createdAt: new Date().toISOString() })
      .onConflictDoNothing()
  else
    await db
      .delete(postReactions)
      .where(and(eq(postReactions.postId, postId), eq(postReactions.userId, userId)))
}

/** Only the thread's author, only when its first post is a question, only a live reply. */
export async function setAcceptedAnswer(
  db: Db,
  thread: ThreadRow,
  userId: string,
  postId: string | null,
) {
  if (thread.createdBy !== userId)
    throw new ApiError(403, "Only the thread's author may accept an answer")
  const [first] = await db
    .select({ id: posts.id, kind: posts.kind })
    .from(posts)
    .where(eq(posts.threadId, thread.id))
    .orderBy(posts.createdAt, posts.id)
    .limit(1)
  if (first?.kind !== 'question')
    throw new ApiError(409, 'Only a thread that starts with a question has an accepted answer')
  if (postId !== null) {
    const answer = await postInThread(db, thread.id, postId, 'postId')
    if (answer.deletedAt || postId === first.id)
      throw invalid('postId', 'the answer must be a reply that has not been deleted')
  }
  await db.update(threads).set({ acceptedPostId: postId }).where(eq(threads.id, thread.id))
}
