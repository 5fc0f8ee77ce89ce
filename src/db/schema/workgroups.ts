/** Workgroups, their members and invite links. */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { revisioned, timestamps } from './columns.ts'
import { users } from './accounts.ts'

export const workgroupRoles = ['lead', 'member'] as const
export type WorkgroupRole = (typeof workgroupRoles)[number]

export const workgroups = sqliteTable('workgroups', {
  id: text().primaryKey(),
  name: text().notNull(),
  description: text().notNull().default(''),
  createdBy: text()
    .notNull()
    .references(() => users.id),
  ...revisioned,
  ...timestamps,
})

export const workgroupMembers = sqliteTable(
  'workgroup_members',
  {
    workgroupId: text()
      .notNull()
      .references(() => workgroups.id, { onDelete: 'cascade' }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text({ enum: workgroupRoles }).notNull(),
    joinedAt: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workgroupId, t.userId] }),
    index('workgroup_members_user_idx').on(t.userId),
  ],
)

export const workgroupInvites = sqliteTable(
  'workgroup_invites',
  {
    id: text().primaryKey(),
    workgroupId: text()
      .notNull()
      .references(() => workgroups.id, { onDelete: 'cascade' }),
    /** SHA-256 of the invite code; the code is shown once, to the lead who made it. */
    codeHash: text().notNull(),
    createdBy: text()
      .notNull()
      .references(() => users.id),
    createdAt: text().notNull(),
    expiresAt: text().notNull(),
    revokedAt: text(),
    uses: integer().notNull().default(0),
  },
  (t) => [
    uniqueIndex('workgroup_invites_code_idx').on(t.codeHash),
    index('workgroup_invites_wg_idx').on(t.workgroupId),
  ],
)
