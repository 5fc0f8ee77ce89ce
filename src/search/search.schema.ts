/**
 * The table that belongs to search alone (created by migrations/0006_search-index.sql, written by
 * hand beside the generated migrations): the stored in-isolate index, in parts.
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
