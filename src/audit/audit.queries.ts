/**
 * The audit log of membership and role changes. Writes return a statement to put in the same
 * `batch()` as the change it records, so a change is never stored without its record.
 */
import { and, desc, eq, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { auditLog, users } from '../db/schema.ts'
import type { Db } from '../lib/db.ts'

export type AuditScope = 'workgroup' | 'hub' | 'site'

export interface AuditEntry {
  actorId: string
  action: string
  scope: AuditScope
  scopeId: string
  subjectUserId?: string | null
  detail?: Record<string, unknown>
}

export function auditStatement(db: Db, entry: AuditEntry) {
  return db.insert(auditLog).values({ at: new Date().toISOString(), ...entry })
}

/**
 * The audit row for a change made by the statement just before it in the same batch, written
 * only if that statement changed a row (SQLite's `changes()`): a write that lost a race to an
 * identical one leaves no record of a change it did not make.
 */
export function auditIfChanged(db: Db, entry: AuditEntry) {
  const detail = entry.detail === undefined ? null : JSON.stringify(entry.detail)
  // Columns in the table's order: id (assigned), at, actor, action, scope, scope id, subject, detail.
  return db.insert(auditLog).select(
    sql`select null, ${new Date().toISOString()}, ${entry.actorId}, ${entry.action}, ${entry.scope},
      ${entry.scopeId}, ${entry.subjectUserId ?? null}, ${detail} where changes() > 0`,
  )
}

/** Whom an entry is about (the curator named, the member promoted), beside who did it. */
const subjects = alias(users, 'subject')

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
      subjectName: subjects.displayName,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(subjects, eq(subjects.id, auditLog.subjectUserId))
    .where(
      scope ? and(eq(auditLog.scope, scope.scope), eq(auditLog.scopeId, scope.scopeId)) : undefined,
    )
    .orderBy(desc(auditLog.id))
    .limit(limit)
  return rows.map((row) => ({ ...row, actorName: row.actorName ?? '(deleted user)' }))
}
