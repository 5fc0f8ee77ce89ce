-- Written by hand: drizzle-kit cannot declare an FTS5 virtual table (src/db/schema/search.ts has
-- the plain tables). The FTS5 path serves /api/search for banks larger than an isolate can index
-- (src/search/fts.ts). Rows hold index terms, not raw text: the same stemming and maths
-- normalisation as the in-isolate index (src/terms/terms.ts), written beside every seed, import
-- and publish (src/bank/search-rows.ts). rowid = search_docs.id. Terms are separated by spaces;
-- '.' and '/' stay inside a term (0.25, 1/2).
CREATE VIRTUAL TABLE `search_fts` USING fts5(
  title,
  names,
  body,
  tokenize = "unicode61 tokenchars './'"
);
