/** Workgroup invites: a lead's links (create, list, revoke) and joining with one, each audited. */
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm'
import { newId, newSecret, sha256 } from '../accounts/secrets.ts'
import { auditIfChanged, auditStatement } from '../audit/audit.queries.ts'
import { users, workgroupInvites, workgroupMembers, workgroups } from '../db/schema.ts'
import type { Db } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'

export async function createInvite(
  db: Db,
  actorId: string,
  workgroupId: string,
  expiresInDays: number,
) {
  const code = newSecret('mbi_')
  const invite = {
    id: newId(),
    workgroupId,
    codeHash: sha256(code),
    createdBy: actorId,
    createdAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + expiresInDays * 24 * 3600 * 1000).toISOString(),
  }
  await db.batch([
    db.insert(workgroupInvites).values(invite),
    auditStatement(db, {
      actorId,
      action: 'invite.created',
      scope: 'workgroup',
      scopeId: workgroupId,
      detail: { inviteId: invite.id, expiresAt: invite.expiresAt },
    }),
  ])
  return { id: invite.id, code, createdAt: invite.createdAt, expiresAt: invite.expiresAt }
}

export async function listInvites(db: Db, workgroupId: string) {
  return db
    .select({
      id: workgroupInvites.id,
      createdAt: workgroupInvites.createdAt,
      expiresAt: workgroupInvites.expiresAt,
      revokedAt: workgroupInvites.revokedAt,
      uses: workgroupInvites.uses,
      createdBy: users.displayName,
    })
    .from(workgroupInvites)
    .innerJoin(users, eq(users.id, workgroupInvites.createdBy))
    .where(eq(workgroupInvites.workgroupId, workgroupId))
    .orderBy(desc(workgroupInvites.createdAt))
}

export async function revokeInvite(db: Db, actorId: string, workgroupId: string, inviteId: string) {
  const where = and(
    eq(workgroupInvites.id, inviteId),
    eq(workgroupInvites.workgroupId, workgroupId),
    isNull(workgroupInvites.revokedAt),
  )
  const [invite] = await db.select({ id: workgroupInvites.id }).from(workgroupInvites).where(where)
  if (!invite) throw notFound('That invite')
  await db.batch([
    db.update(workgroupInvites).set({ revokedAt: new Date().toISOString() }).where(where),
    auditStatement(db, {
      actorId,
      action: 'invite.revoked',
      scope: 'workgroup',
      scopeId: workgroupId,
      detail: { inviteId },
    }),
  ])
}

/**
 * Join a workgroup with an invite code. Expired, revoked and unknown codes all get the same 404,
 * so a guessed code reveals nothing. Joining twice is harmless.
 */
export async function acceptInvite(db: Db, userId: string, code: string) {
  const now = new Date().toISOString()
  const [invite] = await db
    .select()
    .from(workgroupInvites)
    .where(
      and(
        eq(workgroupInvites.codeHash, sha256(code)),
        isNull(workgroupInvites.revokedAt),
        gt(workgroupInvites.expiresAt, now),
      ),
    )
  if (!invite)
    throw new ApiError(
      404,
      'This invite is not valid: it may have expired, been revoked or been mistyped',
    )
  // Joining, counting the use and the audit row go together, each only if the one before it
  // changed a row: joining twice (or ten times at once) is one join, one use, one record.
  await db.batch([
    db
      .insert(workgroupMembers)
      .values({ workgroupId: invite.workgroupId, userId, role: 'member', joinedAt: now })
      .onConflictDoNothing(),
    db
      .update(workgroupInvites)
      .set({ uses: sql`${workgroupInvites.uses} + 1` })
      .where(and(eq(workgroupInvites.id, invite.id), sql`changes() > 0`)),
    auditIfChanged(db, {
      actorId: userId,
      action: 'member.joined',
      scope: 'workgroup',
      scopeId: invite.workgroupId,
      subjectUserId: userId,
      detail: { inviteId: invite.id, role: 'member' },
    }),
  ])
  return invite.workgroupId
}

/**
 * What the join page says about a usable invite: the workgroup's name and who made the link.
 * Unusable codes are null, exactly as acceptInvite's 404 treats them.
 */
export async function describeInvite(db: Db, code: string) {
  const [row] = await db
    .select({
      workgroupId: workgroups.id,
      workgroupName: workgroups.name,
      description: workgroups.description,
      invitedBy: users.displayName,
      expiresAt: workgroupInvites.expiresAt,
    })
    .from(workgroupInvites)
    .innerJoin(workgroups, eq(workgroups.id, workgroupInvites.workgroupId))
    .innerJoin(users, eq(users.id, workgroupInvites.createdBy))
    .where(
      and(
        eq(workgroupInvites.codeHash, sha256(code)),
        isNull(workgroupInvites.revokedAt),
        gt(workgroupInvites.expiresAt, new Date().toISOString()),
      ),
    )
  return row ?? null
}
