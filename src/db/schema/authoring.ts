/** Every revision of an authored item, as written, with who wrote and reviewed it. */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { items } from './bank.ts'

/**
 * Every version of an item's content, as written (the validated input). A new revision is made
 * whenever an item's content hash changes; published set versions pin revisions, so they never
 * change when an item is later edited.
 */
export const itemRevisions = sqliteTable(
  'item_revisions',
  {
    itemId: text()
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    revision: integer().notNull(),
    contentHash: text().notNull(),
    /** The ItemInput this revision was made from (JSON). */
    input: text({ mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: text().notNull(),
    /** Authoring workflow: draft → review → published (and superseded once a later one is). */
    status: text({ enum: ['draft', 'review', 'published', 'superseded'] })
      .notNull()
      .default('published'),
    authorId: text(),
    reviewedBy: text(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.revision] }),
    index('item_revisions_hash_idx').on(t.itemId, t.contentHash),
  ],
)
