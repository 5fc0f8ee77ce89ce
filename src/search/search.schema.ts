/**
 * Tables that belong to search alone (created by migrations/0006_search-index.sql, written by
 * hand beside the generated migrations): the stored in-isolate index, in parts, and the FTS5
 * path's documents (the FTS5 table itself is reached with plain SQL in fts.ts).
 */
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

export const searchIndexParts = sqliteTable(
  'search_index_parts',
  {
    /** The bank's version stamp and the index format (search-cache.ts). */
    key: text().notNull(),
    part: integer().notNull(),
    parts: integer().notNull(),
    /** Base64 of one slice of the index's bytes (index-codec.ts). */
    data: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.part] })],
)

/** One row per document the FTS5 index holds (its rowid there is `id`), with its facets. */
export const searchDocs = sqliteTable('search_docs', {
  id: integer().primaryKey(),
  doc: text().notNull().unique(),
  kind: text().notNull(),
  topic: text().notNull(),
  strand: text().notNull(),
  years: text().notNull(),
  misconceptions: text().notNull(),
})
