CREATE TABLE `search_docs` (
	`id` integer PRIMARY KEY NOT NULL,
	`doc` text NOT NULL,
	`kind` text NOT NULL,
	`topic` text NOT NULL,
	`strand` text NOT NULL,
	`years` text NOT NULL,
	`misconceptions` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_docs_doc_unique` ON `search_docs` (`doc`);--> statement-breakpoint
CREATE INDEX `search_docs_topic_idx` ON `search_docs` (`topic`);--> statement-breakpoint
CREATE TABLE `search_index_parts` (
	`key` text NOT NULL,
	`part` integer NOT NULL,
	`parts` integer NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY(`key`, `part`)
);
--> statement-breakpoint
CREATE TABLE `search_names` (
	`key` text PRIMARY KEY NOT NULL,
	`terms` text NOT NULL
);
--> statement-breakpoint
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
