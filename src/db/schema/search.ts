/**
 * Tables that belong to search alone: the stored in-isolate index, in parts, and the FTS5 path's
 * documents and names. The FTS5 table itself (`search_fts`) cannot be declared in drizzle; it is
 * created by the hand-written migrations/0007_search.sql (written by hand at its end) and reached with plain SQL in
 * src/search/fts.ts.
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

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
export const searchDocs = sqliteTable(
  'search_docs',
  {
    id: integer().primaryKey(),
    /** `item:<id>` or `misconception:<slug>`. */
    doc: text().notNull().unique(),
    kind: text().notNull(),
    topic: text().notNull(),
    strand: text().notNull(),
    /** JSON array of year groups. */
    years: text().notNull(),
    /** JSON array of misconception slugs. */
    misconceptions: text().notNull(),
  },
  (t) => [index('search_docs_topic_idx').on(t.topic)],
)

/**
 * Index terms of each topic (with its strand) and misconception title, kept once: an item's FTS
 * row copies those of its topic and misconceptions when it is written.
 */
export const searchNames = sqliteTable('search_names', {
  /** `topic:<slug>` or `misconception:<slug>`. */
  key: text().primaryKey(),
  terms: text().notNull(),
})
