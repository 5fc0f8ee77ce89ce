/** Hubs and their curators. */
import { index, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { revisioned, timestamps } from './columns.ts'
import { users } from './accounts.ts'

export const hubs = sqliteTable('hubs', {
  slug: text().primaryKey(),
  name: text().notNull(),
  description: text().notNull().default(''),
  ...revisioned,
  ...timestamps,
})

export const hubCurators = sqliteTable(
  'hub_curators',
  {
    hubSlug: text()
      .notNull()
      .references(() => hubs.slug, { onDelete: 'cascade' }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedBy: text().notNull(),
    addedAt: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.hubSlug, t.userId] }),
    index('hub_curators_user_idx').on(t.userId),
  ],
)
