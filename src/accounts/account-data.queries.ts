/**
 * A teacher's own data (UK GDPR): everything the account holds, for export, and deleting the
 * account. The deletion policy (also in the README):
 *
 * - removed: sessions, API tokens, emailed links; classes with their live sessions and tallies;
 *   memberships and curatorships; endorsements, flags and votes on annotations; workgroup notes;
 *   annotations still only proposed; threads nobody else posted in;
 * - tombstoned: every other post keeps its place in its thread (so replies still make sense), its
 *   body and history gone, its author shown as "a former member";
 * - kept, attributed to "a former member": accepted annotations (the bank's credits), enquiries
 *   a lead opened, titles of threads others replied to, and the ids in audit records;
 * - a workgroup they led alone passes to its longest-standing member; one they were the only
 *   member of is deleted with everything in it, as nobody could read it any more.
 *
 * The account's row stays, emptied (email, password, name, school), because posts and records
 * others rely on point at it; it can never sign in again, and its email is free for a new account.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { auditStatement } from '../audit/audit.queries.ts'
import {
  accountTokens,
  annotationResponses,
  annotations,
  apiTokens,
  auditLog,
  classes,
  enquiries,
  enquiryClasses,
  enquiryItems,
  enquiryMisconceptions,
  hubCurators,
  itemRevisions,
  itemSetEntries,
  itemSets,
  liveSessions,
  postFlags,
  postReactions,
  postRevisions,
  posts,
  sessions,
  tallies,
  tallyCounts,
  threads,
  users,
  workgroupMembers,
  workgroupNotes,
  workgroups,
} from '../db/schema.ts'
import type { Db } from '../lib/db.ts'

/** Everything the account holds, as plain rows (tokens' secrets are never stored, so never here). */
export async function exportAccount(db: Db, userId: string) {
  const [
    profile,
    sessionRows,
    tokenRows,
    threadRows,
    postRows,
    revisionRows,
    endorsementRows,
    flagRows,
    annotationRows,
    responseRows,
    noteRows,
    membershipRows,
    curatorRows,
    setRows,
    setEntryRows,
    authoredRows,
    classRows,
    liveRows,
    tallyRows,
    countRows,
    enquiryRows,
    enquiryMisconceptionRows,
    enquiryItemRows,
    enquiryClassRows,
  ] = await db.batch([
    db
      .select({
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        school: users.school,
        isSiteAdmin: users.isSiteAdmin,
        createdAt: users.createdAt,
        updatedAt: users.updatedAt,
      })
      .from(users)
      .where(eq(users.id, userId)),
    db
      .select({
        id: sessions.id,
        userAgent: sessions.userAgent,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
      })
      .from(sessions)
      .where(eq(sessions.userId, userId)),
    db
      .select({
        id: apiTokens.id,
        name: apiTokens.name,
        createdAt: apiTokens.createdAt,
        lastUsedAt: apiTokens.lastUsedAt,
        revokedAt: apiTokens.revokedAt,
      })
      .from(apiTokens)
      .where(eq(apiTokens.userId, userId)),
    db.select().from(threads).where(eq(threads.createdBy, userId)).orderBy(asc(threads.createdAt)),
    db
      .select({ post: posts, threadTitle: threads.title })
      .from(posts)
      .innerJoin(threads, eq(threads.id, posts.threadId))
      .where(eq(posts.authorId, userId))
      .orderBy(asc(posts.createdAt)),
    db
      .select({ revision: postRevisions })
      .from(postRevisions)
      .innerJoin(posts, eq(posts.id, postRevisions.postId))
      .where(eq(posts.authorId, userId))
      .orderBy(asc(postRevisions.postId), asc(postRevisions.revision)),
    db.select().from(postReactions).where(eq(postReactions.userId, userId)),
    db.select().from(postFlags).where(eq(postFlags.userId, userId)),
    db.select().from(annotations).where(eq(annotations.proposedBy, userId)),
    db.select().from(annotationResponses).where(eq(annotationResponses.userId, userId)),
    db.select().from(workgroupNotes).where(eq(workgroupNotes.authorId, userId)),
    db
      .select({
        workgroupId: workgroupMembers.workgroupId,
        name: workgroups.name,
        role: workgroupMembers.role,
        joinedAt: workgroupMembers.joinedAt,
      })
      .from(workgroupMembers)
      .innerJoin(workgroups, eq(workgroups.id, workgroupMembers.workgroupId))
      .where(eq(workgroupMembers.userId, userId)),
    db
      .select({ hubSlug: hubCurators.hubSlug, addedAt: hubCurators.addedAt })
      .from(hubCurators)
      .where(eq(hubCurators.userId, userId)),
    db.select().from(itemSets).where(eq(itemSets.createdBy, userId)),
    db
      .select({ entry: itemSetEntries })
      .from(itemSetEntries)
      .innerJoin(itemSets, eq(itemSets.id, itemSetEntries.setId))
      .where(eq(itemSets.createdBy, userId))
      .orderBy(asc(itemSetEntries.setId), asc(itemSetEntries.position)),
    db
      .select({
        itemId: itemRevisions.itemId,
        revision: itemRevisions.revision,
        status: itemRevisions.status,
        createdAt: itemRevisions.createdAt,
        input: itemRevisions.input,
      })
      .from(itemRevisions)
      .where(eq(itemRevisions.authorId, userId)),
    db.select().from(classes).where(eq(classes.teacherId, userId)),
    db.select().from(liveSessions).where(eq(liveSessions.teacherId, userId)),
    db.select().from(tallies).where(eq(tallies.teacherId, userId)),
    db
      .select({ count: tallyCounts })
      .from(tallyCounts)
      .innerJoin(tallies, eq(tallies.id, tallyCounts.tallyId))
      .where(eq(tallies.teacherId, userId)),
    db.select().from(enquiries).where(eq(enquiries.createdBy, userId)),
    db
      .select({ row: enquiryMisconceptions })
      .from(enquiryMisconceptions)
      .innerJoin(enquiries, eq(enquiries.id, enquiryMisconceptions.enquiryId))
      .where(eq(enquiries.createdBy, userId)),
    db
      .select({ row: enquiryItems })
      .from(enquiryItems)
      .innerJoin(enquiries, eq(enquiries.id, enquiryItems.enquiryId))
      .where(eq(enquiries.createdBy, userId)),
    db
      .select({ row: enquiryClasses })
      .from(enquiryClasses)
      .innerJoin(classes, eq(classes.id, enquiryClasses.classId))
      .where(eq(classes.teacherId, userId)),
  ])
  const group = <R, K extends keyof R>(rows: R[], key: K) => {
    const map = new Map<R[K], R[]>()
    for (const row of rows) map.set(row[key], [...(map.get(row[key]) ?? []), row])
    return map
  }
  const revisions = group(
    revisionRows.map((r) => r.revision),
    'postId',
  )
  const entries = group(
    setEntryRows.map((r) => r.entry),
    'setId',
  )
  const counts = group(
    countRows.map((r) => r.count),
    'tallyId',
  )
  const focus = group(
    enquiryMisconceptionRows.map((r) => r.row),
    'enquiryId',
  )
  const checks = group(
    enquiryItemRows.map((r) => r.row),
    'enquiryId',
  )
  return {
    profile: profile[0] ?? null,
    sessions: sessionRows,
    apiTokens: tokenRows,
    threadsStarted: threadRows,
    posts: postRows.map(({ post, threadTitle }) => ({
      ...post,
      threadTitle,
      revisions: (revisions.get(post.id) ?? []).map(({ postId: _, ...r }) => r),
    })),
    endorsements: endorsementRows,
    flags: flagRows,
    annotations: annotationRows,
    annotationResponses: responseRows,
    notes: noteRows,
    memberships: membershipRows,
    curatorships: curatorRows,
    sets: setRows.map((set) => ({
      ...set,
      entries: (entries.get(set.id) ?? []).map(({ setId: _, ...e }) => e),
    })),
    authoredItemRevisions: authoredRows,
    classes: classRows,
    liveSessions: liveRows,
    tallies: tallyRows.map((tally) => ({
      ...tally,
      counts: Object.fromEntries((counts.get(tally.id) ?? []).map((c) => [c.label, c.count])),
    })),
    enquiries: enquiryRows.map((e) => ({
      ...e,
      misconceptions: (focus.get(e.id) ?? []).map((m) => m.misconceptionSlug),
      items: (checks.get(e.id) ?? []).map(({ enquiryId: _, ...i }) => i),
    })),
    enquiryClasses: enquiryClassRows.map((r) => r.row),
  }
}

export type AccountExport = Awaited<ReturnType<typeof exportAccount>>

const FORMER_MEMBER = 'A former member'

/** Delete the account, by the policy above, in one batch: every step or none. */
export async function deleteAccount(db: Db, userId: string) {
  const now = new Date().toISOString()
  // Workgroups this user leads with no other lead, and the member who has been there longest.
  const heirs = sql`
    select m.workgroup_id as workgroup_id,
      (select o.user_id from workgroup_members o
        where o.workgroup_id = m.workgroup_id and o.user_id != ${userId}
        order by o.joined_at, o.user_id limit 1) as heir_id
    from workgroup_members m
    where m.user_id = ${userId} and m.role = 'lead'
      and not exists (select 1 from workgroup_members l
        where l.workgroup_id = m.workgroup_id and l.role = 'lead' and l.user_id != ${userId})`
  const alone = sql`
    select m.workgroup_id from workgroup_members m
    where m.user_id = ${userId}
      and not exists (select 1 from workgroup_members o
        where o.workgroup_id = m.workgroup_id and o.user_id != ${userId})`
  await db.batch([
    // Leadership first, while the memberships it reads are all still there, with its audit
    // record (columns in the table's order: id assigned, at, actor, action, scope, id, subject).
    db.insert(auditLog).select(sql`
      select null, ${now}, ${userId}, 'lead-passed-on-account-deletion', 'workgroup',
        h.workgroup_id, h.heir_id, null
      from (${heirs}) h where h.heir_id is not null`),
    db
      .update(workgroupMembers)
      .set({ role: 'lead' })
      .where(
        sql`(workgroup_id, user_id) in (
          select h.workgroup_id, h.heir_id from (${heirs}) h where h.heir_id is not null)`,
      ),
    db
      .delete(itemSets)
      .where(and(eq(itemSets.ownerType, 'workgroup'), sql`${itemSets.ownerId} in (${alone})`)),
    db.delete(workgroups).where(sql`${workgroups.id} in (${alone})`),
    db.delete(workgroupMembers).where(eq(workgroupMembers.userId, userId)),
    db.delete(hubCurators).where(eq(hubCurators.userId, userId)),
    db.delete(classes).where(eq(classes.teacherId, userId)), // their sessions and tallies too
    db.delete(postReactions).where(eq(postReactions.userId, userId)),
    db.delete(postFlags).where(eq(postFlags.userId, userId)),
    db.delete(annotationResponses).where(eq(annotationResponses.userId, userId)),
    db.delete(workgroupNotes).where(eq(workgroupNotes.authorId, userId)),
    db
      .delete(annotations)
      .where(and(eq(annotations.proposedBy, userId), eq(annotations.status, 'proposed'))),
    db.delete(threads).where(
      and(
        eq(threads.createdBy, userId),
        sql`not exists (select 1 from posts p
          where p.thread_id = ${threads.id} and p.author_id != ${userId})`,
      ),
    ),
    db
      .update(threads)
      .set({ acceptedPostId: null })
      .where(sql`${threads.acceptedPostId} in (select id from posts where author_id = ${userId})`),
    db
      .delete(postRevisions)
      .where(sql`${postRevisions.postId} in (select id from posts where author_id = ${userId})`),
    // Hidden posts too; posts deleted earlier are already empty.
    db
      .update(posts)
      .set({ bodySource: '', bodyHtml: '', evidence: null, deletedAt: now })
      .where(and(eq(posts.authorId, userId), isNull(posts.deletedAt))),
    db.delete(sessions).where(eq(sessions.userId, userId)),
    db.delete(apiTokens).where(eq(apiTokens.userId, userId)),
    db.delete(accountTokens).where(eq(accountTokens.userId, userId)),
    db
      .update(users)
      .set({
        email: `deleted-${userId}@deleted.invalid`,
        passwordHash: '!',
        displayName: FORMER_MEMBER,
        school: null,
        isSiteAdmin: false,
        deletedAt: now,
        updatedAt: now,
      })
      .where(eq(users.id, userId)),
    auditStatement(db, {
      actorId: userId,
      action: 'account-deleted',
      scope: 'site',
      scopeId: 'accounts',
      subjectUserId: userId,
    }),
  ])
}
