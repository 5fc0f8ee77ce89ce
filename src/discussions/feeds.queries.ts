/**
 * Pull-based feeds: a teacher asks what is new rather than being pushed notifications. Both only
 * ever include threads the caller can still see (public, or in a workgroup they belong to now).
 */
import { and, desc, eq, exists, gt, inArray, isNull, lt, max, or } from 'drizzle-orm'
import { posts, threads, users, workgroupMembers } from '../db/schema.ts'
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { Db } from '../lib/db.ts'
import { postsFrom, threadColumns, toPosts, toThread } from './posts.queries.ts'

const myWorkgroups = (db: Db, userId: string) =>
  db
    .select({ id: workgroupMembers.workgroupId })
    .from(workgroupMembers)
    .where(eq(workgroupMembers.userId, userId))

/** Keyset condition for newest-first lists ordered by (at, id). */
function before(atColumn: AnySQLiteColumn, idColumn: AnySQLiteColumn, after?: string) {
  const [at, id] = (after ?? '').split('|')
  if (!after || at === undefined || id === undefined) return undefined
  return or(lt(atColumn, at), and(eq(atColumn, at), lt(idColumn, id)))
}

/** Posts in my workgroups' threads, newest first, optionally only those after `since`. */
export async function workgroupFeed(
  db: Db,
  userId: string,
  page: { limit: number; after?: string; since?: string },
) {
  const rows = await postsFrom(db, userId)
    .where(
      and(
        inArray(threads.workgroupId, myWorkgroups(db, userId)),
        page.since ? gt(posts.createdAt, page.since) : undefined,
        before(posts.createdAt, posts.id, page.after),
      ),
    )
    .orderBy(desc(posts.createdAt), desc(posts.id))
    .limit(page.limit + 1)
  return toPosts(db, rows)
}

/** Threads I started or posted in, most recently active first. */
export async function participatingFeed(
  db: Db,
  userId: string,
  page: { limit: number; after?: string },
) {
  const mine = db
    .select({ id: posts.id })
    .from(posts)
    .where(and(eq(posts.threadId, threads.id), eq(posts.authorId, userId)))
  const rows = await db
    .select(threadColumns)
    .from(threads)
    .innerJoin(users, eq(users.id, threads.createdBy))
    .where(
      and(
        exists(mine),
        or(isNull(threads.workgroupId), inArray(threads.workgroupId, myWorkgroups(db, userId))),
        before(threads.lastPostAt, threads.id, page.after),
      ),
    )
    .orderBy(desc(threads.lastPostAt), desc(threads.id))
    .limit(page.limit + 1)
  return rows.map(toThread)
}

/** Threads on one item or misconception the caller can see, most recently active first. */
export async function threadsOn(
  db: Db,
  target: { kind: 'item' | 'misconception'; id: string },
  userId: string | null,
  page: { limit: number; after?: string },
) {
  const rows = await db
    .select(threadColumns)
    .from(threads)
    .innerJoin(users, eq(users.id, threads.createdBy))
    .where(
      and(
        eq(threads.targetKind, target.kind),
        eq(threads.targetId, target.id),
        userId
          ? or(isNull(threads.workgroupId), inArray(threads.workgroupId, myWorkgroups(db, userId)))
          : isNull(threads.workgroupId),
        before(threads.lastPostAt, threads.id, page.after),
      ),
    )
    .orderBy(desc(threads.lastPostAt), desc(threads.id))
    .limit(page.limit + 1)
  return rows.map(toThread)
}

export const threadKey = (t: { lastPostAt: string; id: string }) => `${t.lastPostAt}|${t.id}`

/** Items with the most recent public discussion, newest first (for the home page). */
export async function recentlyDiscussedItemIds(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: threads.targetId, last: max(threads.lastPostAt) })
    .from(threads)
    .where(and(eq(threads.targetKind, 'item'), isNull(threads.workgroupId)))
    .groupBy(threads.targetId)
    .orderBy(desc(max(threads.lastPostAt)))
    .limit(limit)
  return rows.map((r) => r.id)
}

/** A workgroup's own threads, most recently active first (its home page; members only). */
export async function workgroupThreads(db: Db, workgroupId: string, limit: number) {
  const rows = await db
    .select(threadColumns)
    .from(threads)
    .innerJoin(users, eq(users.id, threads.createdBy))
    .where(eq(threads.workgroupId, workgroupId))
    .orderBy(desc(threads.lastPostAt), desc(threads.id))
    .limit(limit)
  return rows.map(toThread)
}
