/**
 * The audit log of membership and role changes. Writes return a statement to put in the same
 * `batch()` as the change it records, so a change is never stored without its record.
 */
import { and, desc, eq } from 'drizzle-orm'
import { auditLog, users } from '../db/schema.ts'
import type { Db } from '../lib/db.ts'

export type AuditScope = 'workgroup' | 'hub' | 'site'

export function auditStatement(
  db: Db,
  entry: {
    actorId: string
    action: string
    scope: AuditScope
    scopeId: string
    subjectUserId?: string | null
    detail?: Record<string, unknown>
  },
) {
  return db.insert(auditLog).values({ at: new Date().toISOString(), ...entry })
}

/** Recent entries for one workgroup or hub (or all, for site admins), newest first. */
export async function listAudit(
  db: Db,
  scope?: { scope: AuditScope; scopeId: string },
  limit = 100,
) {
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      scope: auditLog.scope,
      scopeId: auditLog.scopeId,
      actorId: auditLog.actorId,
      actorName: users.displayName,
      subjectUserId: auditLog.subjectUserId,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      scope ? and(eq(auditLog.scope, scope.scope), eq(auditLog.scopeId, scope.scopeId)) : undefined,
    )
    .orderBy(desc(auditLog.id))
    .limit(limit)
  return rows.map((row) => ({ ...row, actorName: row.actorName ?? '(deleted user)' }))
}
