/** Item sets, their entries, and their published, immutable versions. */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { revisioned, timestamps } from './columns.ts'
import { items } from './bank.ts'

export const setOwnerTypes = ['hub', 'workgroup'] as const

/** An ordered set of items built by a hub (to publish) or a workgroup (for its own use). */
export const itemSets = sqliteTable(
  'item_sets',
  {
    id: text().primaryKey(),
    ownerType: text({ enum: setOwnerTypes }).notNull(),
    /** Hub slug or workgroup id. */
    ownerId: text().notNull(),
    title: text().notNull(),
    description: text().notNull().default(''),
    years: text({ mode: 'json' }).$type<number[]>().notNull(),
    createdBy: text().notNull(),
    ...revisioned,
    ...timestamps,
  },
  (t) => [index('item_sets_owner_idx').on(t.ownerType, t.ownerId)],
)

export const itemSetEntries = sqliteTable(
  'item_set_entries',
  {
    setId: text()
      .notNull()
      .references(() => itemSets.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    itemId: text()
      .notNull()
      .references(() => items.id),
    /** A note for the teacher using the set ("use before teaching perimeter"). */
    note: text().notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.setId, t.position] })],
)

export interface SetVersionEntry {
  itemId: string
  revision: number
  note: string
}

/** A published, numbered, immutable version of a set; withdrawal marks it but keeps it. */
export const itemSetVersions = sqliteTable(
  'item_set_versions',
  {
    setId: text()
      .notNull()
      .references(() => itemSets.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    title: text().notNull(),
    description: text().notNull(),
    years: text({ mode: 'json' }).$type<number[]>().notNull(),
    entries: text({ mode: 'json' }).$type<SetVersionEntry[]>().notNull(),
    changelog: text({ mode: 'json' }).$type<string[]>().notNull(),
    publishedBy: text().notNull(),
    publishedAt: text().notNull(),
    withdrawnAt: text(),
    withdrawnBy: text(),
    withdrawnReason: text(),
  },
  (t) => [primaryKey({ columns: [t.setId, t.version] })],
)
