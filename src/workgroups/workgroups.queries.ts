/**
 * Workgroups and their members. Every change to membership or roles is written in one batch
 * together with its audit record. Invites (how members join) are in invites.queries.ts.
 */
import { and, asc, eq, sql } from 'drizzle-orm'
import { newId } from '../accounts/secrets.ts'
import { auditIfChanged, auditStatement } from '../audit/audit.queries.ts'
import { users, workgroupMembers, workgroups, type WorkgroupRole } from '../db/schema.ts'
import type { Db } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'
import { atRevision, editedRevision, nextRevision } from '../lib/revisions.ts'

/** The caller's role in a workgroup, or null if they are not a member. */
export async function workgroupRole(
  db: Db,
  workgroupId: string,
  userId: string,
): Promise<WorkgroupRole | null> {
  const [row] = await db
    .select({ role: workgroupMembers.role })
    .from(workgroupMembers)
    .where(and(eq(workgroupMembers.workgroupId, workgroupId), eq(workgroupMembers.userId, userId)))
  return row?.role ?? null
}

/**
 * The object-level guard for every workgroup resource. Non-members get 404, exactly as if the
 * workgroup did not exist; members who need to be a lead get 403.
 */
export async function requireWorkgroupRole(
  db: Db,
  workgroupId: string,
  userId: string,
  needed: WorkgroupRole,
) {
  const role = await workgroupRole(db, workgroupId, userId)
  if (!role) throw notFound('That workgroup')
  if (needed === 'lead' && role !== 'lead')
    throw new ApiError(403, 'Only a lead of this workgroup may do this')
  return role
}

const memberCount =
  sql<number>`(SELECT count(*) FROM ${workgroupMembers} WHERE ${workgroupMembers.workgroupId} = ${workgroups.id})`.mapWith(
    Number,
  )

export async function listMyWorkgroups(db: Db, userId: string) {
  return db
    .select({
      id: workgroups.id,
      name: workgroups.name,
      description: workgroups.description,
      role: workgroupMembers.role,
      memberCount,
      revision: workgroups.revision,
      createdAt: workgroups.createdAt,
    })
    .from(workgroupMembers)
    .innerJoin(workgroups, eq(workgroups.id, workgroupMembers.workgroupId))
    .where(eq(workgroupMembers.userId, userId))
    .orderBy(asc(workgroups.name))
}

export async function getWorkgroup(db: Db, workgroupId: string) {
  const [row] = await db
    .select({
      id: workgroups.id,
      name: workgroups.name,
      description: workgroups.description,
      memberCount,
      revision: workgroups.revision,
      createdAt: workgroups.createdAt,
      updatedAt: workgroups.updatedAt,
    })
    .from(workgroups)
    .where(eq(workgroups.id, workgroupId))
  return row ?? null
}

export async function createWorkgroup(
  db: Db,
  creatorId: string,
  input: { name: string; description?: string },
) {
  const id = newId()
  const now = new Date().toISOString()
  await db.batch([
    db
      .insert(workgroups)
      .values({ id, name: input.name, description: input.description ?? '', createdBy: creatorId }),
    db
      .insert(workgroupMembers)
      .values({ workgroupId: id, userId: creatorId, role: 'lead', joinedAt: now }),
    auditStatement(db, {
      actorId: creatorId,
      action: 'workgroup.created',
      scope: 'workgroup',
      scopeId: id,
      subjectUserId: creatorId,
      detail: { role: 'lead' },
    }),
  ])
  return id
}

/** Rename or describe it, if it is still at the revision the caller saw; the new revision. */
export async function updateWorkgroup(
  db: Db,
  workgroupId: string,
  changes: { name?: string; description?: string },
  expected?: number,
) {
  const updated = await db
    .update(workgroups)
    .set({
      ...changes,
      revision: nextRevision(workgroups.revision),
      updatedAt: new Date().toISOString(),
    })
    .where(and(eq(workgroups.id, workgroupId), atRevision(workgroups.revision, expected)))
    .returning({ revision: workgroups.revision })
  return editedRevision(
    updated,
    () =>
      db
        .select({ revision: workgroups.revision })
        .from(workgroups)
        .where(eq(workgroups.id, workgroupId)),
    'That workgroup',
  )
}

export async function listMembers(db: Db, workgroupId: string) {
  return db
    .select({
      id: users.id,
      displayName: users.displayName,
      school: users.school,
      role: workgroupMembers.role,
      joinedAt: workgroupMembers.joinedAt,
    })
    .from(workgroupMembers)
    .innerJoin(users, eq(users.id, workgroupMembers.userId))
    .where(eq(workgroupMembers.workgroupId, workgroupId))
    .orderBy(asc(workgroupMembers.role), asc(users.displayName))
}

/**
 * Another lead stays: the condition that keeps every workgroup managed. It is part of the write
 * itself (not a check before it), so two leads demoting each other, or leaving at once, cannot
 * both succeed: D1 runs one batch at a time, and the second finds no other lead.
 */
const anotherLeadRemains = (workgroupId: string, userId: string) =>
  sql`exists (select 1 from ${workgroupMembers} other
    where other.workgroup_id = ${workgroupId} and other.user_id <> ${userId} and other.role = 'lead')`

const memberRow = (workgroupId: string, userId: string) =>
  and(eq(workgroupMembers.workgroupId, workgroupId), eq(workgroupMembers.userId, userId))

export async function changeRole(
  db: Db,
  actorId: string,
  workgroupId: string,
  userId: string,
  role: WorkgroupRole,
) {
  const current = await workgroupRole(db, workgroupId, userId)
  if (!current) throw notFound('That member')
  if (current === role) return
  const [changed] = await db.batch([
    db
      .update(workgroupMembers)
      .set({ role })
      .where(
        and(
          memberRow(workgroupId, userId),
          eq(workgroupMembers.role, current),
          current === 'lead' ? anotherLeadRemains(workgroupId, userId) : undefined,
        ),
      ),
    auditIfChanged(db, {
      actorId,
      action: 'member.role-changed',
      scope: 'workgroup',
      scopeId: workgroupId,
      subjectUserId: userId,
      detail: { from: current, to: role },
    }),
  ])
  if (changed.meta.changes === 0) {
    if (current === 'lead' && (await workgroupRole(db, workgroupId, userId)) === 'lead')
      throw new ApiError(409, 'A workgroup needs at least one lead: make someone else a lead first')
    throw new ApiError(409, 'That membership changed meanwhile; reload and try again')
  }
}

export async function removeMember(db: Db, actorId: string, workgroupId: string, userId: string) {
  const current = await workgroupRole(db, workgroupId, userId)
  if (!current) throw notFound('That member')
  const [removed] = await db.batch([
    db
      .delete(workgroupMembers)
      .where(
        and(
          memberRow(workgroupId, userId),
          current === 'lead' ? anotherLeadRemains(workgroupId, userId) : undefined,
        ),
      ),
    auditIfChanged(db, {
      actorId,
      action: actorId === userId ? 'member.left' : 'member.removed',
      scope: 'workgroup',
      scopeId: workgroupId,
      subjectUserId: userId,
      detail: { role: current },
    }),
  ])
  if (removed.meta.changes === 0) {
    if (!(await workgroupRole(db, workgroupId, userId))) throw notFound('That member')
    throw new ApiError(409, 'The last lead cannot leave: make someone else a lead first')
  }
}
