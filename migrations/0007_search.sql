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
