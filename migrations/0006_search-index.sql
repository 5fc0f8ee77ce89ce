-- Written by hand (drizzle-kit cannot express these): tables that belong to search alone,
-- reached only through src/search/search.queries.ts.

-- The in-isolate search index, built when the bank changes and stored here so that every
-- isolate loads it instead of reading and tokenising the whole bank (src/search/index-codec.ts).
-- `key` is the bank version stamp and the index format; an index too large for one D1 row is
-- stored in `parts` rows of base64 text, read back in `part` order.
CREATE TABLE `search_index_parts` (
  `key` text NOT NULL,
  `part` integer NOT NULL,
  `parts` integer NOT NULL,
  `data` text NOT NULL,
  PRIMARY KEY (`key`, `part`)
);

-- The FTS5 path, for banks larger than an isolate can index (src/search/fts.ts). Rows hold
-- index terms, not raw text: the same stemming and maths normalisation as the in-isolate index
-- (src/search/terms.ts), written beside every seed, import and publish (src/search/fts-rows.ts).
-- One row per searchable document; its filters and facets live here, its terms in search_fts.
CREATE TABLE `search_docs` (
  `id` integer PRIMARY KEY,
  `doc` text NOT NULL UNIQUE, -- 'item:<id>' or 'misconception:<slug>'
  `kind` text NOT NULL,
  `topic` text NOT NULL,
  `strand` text NOT NULL,
  `years` text NOT NULL, -- JSON array of year groups
  `misconceptions` text NOT NULL -- JSON array of slugs
);
CREATE INDEX `search_docs_topic_idx` ON `search_docs` (`topic`);

-- Index terms of each topic (with its strand) and misconception title, kept once: an item's
-- FTS row copies those of its topic and misconceptions when it is written.
CREATE TABLE `search_names` (
  `key` text PRIMARY KEY, -- 'topic:<slug>' or 'misconception:<slug>'
  `terms` text NOT NULL
);

-- rowid = search_docs.id. Terms are separated by spaces; '.' and '/' stay inside a term (0.25, 1/2).
CREATE VIRTUAL TABLE `search_fts` USING fts5(
  title,
  names,
  body,
  tokenize = "unicode61 tokenchars './'"
);
