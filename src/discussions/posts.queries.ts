/**
 * Reading threads and posts into their API shapes. Deleted and hidden posts keep their place
 * and author but lose their body; a quote is shown as a short escaped excerpt of the quoted
 * post as it is now, so deleting or hiding a post also takes it out of every quote.
 */
import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { postReactions, posts, threads, users } from '../db/schema.ts'
import { chunk, type Db } from '../lib/db.ts'
import { plainText } from '../lib/plain-text.ts'
import { escapeHtml } from '../lib/html.ts'

const postCount = sql<number>`(SELECT count(*) FROM ${posts} WHERE ${posts.threadId} = ${threads.id})`

export const threadColumns = {
  thread: threads,
  authorName: users.displayName,
  postCount: postCount.mapWith(Number),
}

type ThreadJoined = { thread: ThreadRow; authorName: string; postCount: number }

export function toThread({ thread: t, authorName, postCount }: ThreadJoined) {
  return {
    id: t.id,
    target: { kind: t.targetKind, id: t.targetId },
    workgroupId: t.workgroupId,
    title: t.title,
    author: { id: t.createdBy, displayName: authorName },
    createdAt: t.createdAt,
    lastPostAt: t.lastPostAt,
    postCount,
    acceptedPostId: t.acceptedPostId,
    locked: t.lockedAt ? { at: t.lockedAt, reason: t.lockReason ?? '' } : null,
  }
}

export type ThreadRow = typeof threads.$inferSelect

/** The stored rows, unshaped, for the guards that decide who may see them. */
export async function threadRow(db: Db, threadId: string): Promise<ThreadRow | null> {
  const [row] = await db.select().from(threads).where(eq(threads.id, threadId))
  return row ?? null
}

export async function postRow(db: Db, postId: string) {
  const [row] = await db.select().from(posts).where(eq(posts.id, postId))
  return row ?? null
}

export async function getThread(db: Db, threadId: string) {
  const [row] = await db
    .select(threadColumns)
    .from(threads)
    .innerJoin(users, eq(users.id, threads.createdBy))
    .where(eq(threads.id, threadId))
  return row ? toThread(row) : null
}

const endorsements = sql<number>`(SELECT count(*) FROM ${postReactions} WHERE ${postReactions.postId} = ${posts.id})`
const endorsedBy = (userId: string | null) =>
  sql<number>`EXISTS (SELECT 1 FROM ${postReactions} WHERE ${postReactions.postId} = ${posts.id} AND ${postReactions.userId} = ${userId ?? ''})`

export const postColumns = (viewerId: string | null) => ({
  post: posts,
  authorName: users.displayName,
  acceptedPostId: threads.acceptedPostId,
  endorsements: endorsements.mapWith(Number),
  endorsedByMe: endorsedBy(viewerId).mapWith(Boolean),
})

type PostJoined = {
  post: typeof posts.$inferSelect
  authorName: string
  acceptedPostId: string | null
  endorsements: number
  endorsedByMe: boolean
}

const EXCERPT_CHARS = 200

/** Quoted posts, looked up together (≤ 90 ids per statement, under D1's parameter limit). */
async function quotesFor(db: Db, ids: string[]) {
  const quoted = new Map<string, { postId: string; authorName: string; excerptHtml: string }>()
  const author = alias(users, 'quoted_author')
  for (const part of chunk([...new Set(ids)], 90)) {
    const rows = await db
      .select({ post: posts, authorName: author.displayName })
      .from(posts)
      .innerJoin(author, eq(author.id, posts.authorId))
      .where(inArray(posts.id, part))
    for (const { post, authorName } of rows) {
      if (post.deletedAt || post.hiddenAt) continue
      const text = plainText(post.bodySource)
      const excerpt = text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text
      quoted.set(post.id, {
        postId: post.id,
        authorName,
        excerptHtml: `<blockquote><p>${escapeHtml(excerpt)}</p></blockquote>`,
      })
    }
  }
  return quoted
}

export async function toPosts(db: Db, rows: PostJoined[]) {
  const quotes = await quotesFor(
    db,
    rows.flatMap((r) => (r.post.quotePostId ? [r.post.quotePostId] : [])),
  )
  return rows.map(({ post: p, ...row }) => {
    const gone = Boolean(p.deletedAt || p.hiddenAt)
    return {
      id: p.id,
      threadId: p.threadId,
      parentId: p.parentId,
      quote: p.quotePostId ? (quotes.get(p.quotePostId) ?? null) : null,
      kind: p.kind,
      author: { id: p.authorId, displayName: row.authorName },
      body: gone ? null : { source: p.bodySource, html: p.bodyHtml },
      evidence: gone ? null : (p.evidence ?? null),
      revision: p.revision,
      createdAt: p.createdAt,
      editedAt: p.editedAt,
      deleted: Boolean(p.deletedAt),
      hidden: p.hiddenAt ? { at: p.hiddenAt, reason: p.hiddenReason ?? '' } : null,
      endorsements: row.endorsements,
      endorsedByMe: row.endorsedByMe,
      accepted: row.acceptedPostId === p.id,
    }
  })
}
export type Post = Awaited<ReturnType<typeof toPosts>>[number]

export const postsFrom = (db: Db, viewerId: string | null) =>
  db
    .select(postColumns(viewerId))
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .innerJoin(threads, eq(threads.id, posts.threadId))

export async function getPost(db: Db, postId: string, viewerId: string | null) {
  const rows = await postsFrom(db, viewerId).where(eq(posts.id, postId))
  return (await toPosts(db, rows))[0] ?? null
}

/** One page of a thread, oldest first, after the (createdAt, id) key `after`. */
export async function listPosts(
  db: Db,
  threadId: string,
  viewerId: string | null,
  page: { limit: number; after?: string },
) {
  const [at, id] = (page.after ?? '').split('|')
  const rows = await postsFrom(db, viewerId)
    .where(
      and(
        eq(posts.threadId, threadId),
        page.after && at !== undefined && id !== undefined
          ? or(gt(posts.createdAt, at), and(eq(posts.createdAt, at), gt(posts.id, id)))
          : undefined,
      ),
    )
    .orderBy(asc(posts.createdAt), asc(posts.id))
    .limit(page.limit + 1)
  return toPosts(db, rows)
}

export const postKey = (post: { createdAt: string; id: string }) => `${post.createdAt}|${post.id}`
