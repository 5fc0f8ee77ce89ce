/**
 * Flags, the moderation queue, hiding and locking. Every moderation action is written in one
 * batch with its audit record (scope `site` for public threads, the workgroup for its own), so
 * who hid what, and why, is never lost.
 */
import { and, asc, count, eq, gt, inArray, isNull, min, or } from 'drizzle-orm'
import { auditStatement } from '../audit/audit.queries.ts'
import { postFlags, posts, threads } from '../db/schema.ts'
import type { Db } from '../lib/db.ts'
import { type ThreadRow, postsFrom, toPosts } from './posts.queries.ts'

export async function flagPost(db: Db, postId: string, userId: string, reason: string) {
  // Flagging again replaces the reason and puts the post back in the queue.
  await db
    .insert(postFlags)
    .values({ postId, userId, reason, createdAt: new Date().toISOString() })
    .onConflictDoUpdate({
      target: [postFlags.postId, postFlags.userId],
      set: { reason, createdAt: new Date().toISOString(), resolvedAt: null },
    })
}

const auditScope = (thread: ThreadRow) =>
  thread.workgroupId
    ? { scope: 'workgroup' as const, scopeId: thread.workgroupId }
    : { scope: 'site' as const, scopeId: 'discussions' }

export async function moderatePost(
  db: Db,
  actorId: string,
  thread: ThreadRow,
  postId: string,
  action: 'hide' | 'restore',
  reason: string,
) {
  const now = new Date().toISOString()
  await db.batch([
    db
      .update(posts)
      .set(
        action === 'hide'
          ? { hiddenAt: now, hiddenBy: actorId, hiddenReason: reason }
          : { hiddenAt: null, hiddenBy: null, hiddenReason: null },
      )
      .where(eq(posts.id, postId)),
    db
      .update(postFlags)
      .set({ resolvedAt: now })
      .where(and(eq(postFlags.postId, postId), isNull(postFlags.resolvedAt))),
    auditStatement(db, {
      actorId,
      action: `post.${action === 'hide' ? 'hidden' : 'restored'}`,
      ...auditScope(thread),
      detail: { threadId: thread.id, postId, reason },
    }),
  ])
}

export async function lockThread(
  db: Db,
  actorId: string,
  thread: ThreadRow,
  action: 'lock' | 'unlock',
  reason: string,
) {
  const now = new Date().toISOString()
  await db.batch([
    db
      .update(threads)
      .set(
        action === 'lock'
          ? { lockedAt: now, lockedBy: actorId, lockReason: reason }
          : { lockedAt: null, lockedBy: null, lockReason: null },
      )
      .where(eq(threads.id, thread.id)),
    auditStatement(db, {
      actorId,
      action: `thread.${action}ed`,
      ...auditScope(thread),
      detail: { threadId: thread.id, reason },
    }),
  ])
}

/**
 * Open flags, one entry per flagged post, oldest first: on public threads (for hub curators and
 * site admins), or on one workgroup's threads (for its leads). The caller has been checked.
 */
export async function moderationQueue(
  db: Db,
  viewerId: string,
  scope: { workgroupId: string | null },
  page: { limit: number; after?: string },
) {
  const firstFlagged = min(postFlags.createdAt)
  const [at, id] = (page.after ?? '').split('|')
  const rows = await db
    .select({ postId: postFlags.postId, firstFlaggedAt: firstFlagged, flags: count() })
    .from(postFlags)
    .innerJoin(posts, eq(posts.id, postFlags.postId))
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(
      and(
        isNull(postFlags.resolvedAt),
        scope.workgroupId
          ? eq(threads.workgroupId, scope.workgroupId)
          : isNull(threads.workgroupId),
      ),
    )
    .groupBy(postFlags.postId)
    .having(
      page.after && at !== undefined && id !== undefined
        ? or(gt(firstFlagged, at), and(eq(firstFlagged, at), gt(postFlags.postId, id)))
        : undefined,
    )
    .orderBy(asc(firstFlagged), asc(postFlags.postId))
    .limit(page.limit + 1)
  // ≤ 51 ids per statement: within D1's 100 bound parameters.
  const reasons = rows.length
    ? await db
        .select({ postId: postFlags.postId, reason: postFlags.reason, at: postFlags.createdAt })
        .from(postFlags)
        .where(
          and(
            isNull(postFlags.resolvedAt),
            inArray(
              postFlags.postId,
              rows.map((r) => r.postId),
            ),
          ),
        )
    : []
  const ids = rows.map((r) => r.postId)
  const found = ids.length
    ? await toPosts(db, await postsFrom(db, viewerId).where(inArray(posts.id, ids)))
    : []
  const flagged = ids.length
    ? await db
        .select({ id: posts.id, html: posts.bodyHtml })
        .from(posts)
        .where(inArray(posts.id, ids))
    : []
  return rows.flatMap((row) => {
    const post = found.find((p) => p.id === row.postId)
    if (!post) return []
    return [
      {
        // Moderators must read what was flagged, even once it is hidden.
        post: { ...post, flaggedHtml: flagged.find((f) => f.id === row.postId)?.html ?? '' },
        firstFlaggedAt: row.firstFlaggedAt ?? '',
        flags: reasons
          .filter((r) => r.postId === row.postId)
          .map(({ reason, at: flaggedAt }) => ({ reason, at: flaggedAt })),
      },
    ]
  })
}

export const queueKey = (entry: { firstFlaggedAt: string; post: { id: string } }) =>
  `${entry.firstFlaggedAt}|${entry.post.id}`
