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
