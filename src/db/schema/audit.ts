/** The audit log of membership and role changes. */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** Every change to membership and roles: who did what to whom, and when. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: text().notNull(),
    actorId: text().notNull(),
    action: text().notNull(),
    scope: text({ enum: ['workgroup', 'hub', 'site'] }).notNull(),
    scopeId: text().notNull(),
    subjectUserId: text(),
    detail: text({ mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_scope_idx').on(t.scope, t.scopeId)],
)
