CREATE TABLE `bank_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `item_years` (
	`item_id` text NOT NULL,
	`year` integer NOT NULL,
	PRIMARY KEY(`item_id`, `year`),
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `item_years_year_idx` ON `item_years` (`year`);--> statement-breakpoint
CREATE TABLE `items` (
	`id` text PRIMARY KEY NOT NULL,
	`construct` text NOT NULL,
	`topic_slug` text NOT NULL,
	`stem_source` text NOT NULL,
	`stem_html` text NOT NULL,
	`diagram_svg` text,
	`multiple_answers` integer DEFAULT false NOT NULL,
	`source` text NOT NULL,
	`licence` text NOT NULL,
	`status` text NOT NULL,
	`content_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`topic_slug`) REFERENCES `topics`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `items_topic_idx` ON `items` (`topic_slug`);--> statement-breakpoint
CREATE INDEX `items_status_idx` ON `items` (`status`);--> statement-breakpoint
CREATE TABLE `misconception_relations` (
	`slug` text NOT NULL,
	`related_slug` text NOT NULL,
	PRIMARY KEY(`slug`, `related_slug`),
	FOREIGN KEY (`slug`) REFERENCES `misconceptions`(`slug`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`related_slug`) REFERENCES `misconceptions`(`slug`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `misconceptions` (
	`slug` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`topic_slug` text NOT NULL,
	`description_source` text NOT NULL,
	`description_html` text NOT NULL,
	`why_it_arises_source` text NOT NULL,
	`why_it_arises_html` text NOT NULL,
	`how_to_address_source` text NOT NULL,
	`how_to_address_html` text NOT NULL,
	`references` text NOT NULL,
	`content_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`topic_slug`) REFERENCES `topics`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `misconceptions_topic_idx` ON `misconceptions` (`topic_slug`);--> statement-breakpoint
CREATE TABLE `option_misconceptions` (
	`item_id` text NOT NULL,
	`label` text NOT NULL,
	`misconception_slug` text NOT NULL,
	PRIMARY KEY(`item_id`, `label`, `misconception_slug`),
	FOREIGN KEY (`misconception_slug`) REFERENCES `misconceptions`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`,`label`) REFERENCES `options`(`item_id`,`label`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `option_misconceptions_slug_idx` ON `option_misconceptions` (`misconception_slug`);--> statement-breakpoint
CREATE TABLE `options` (
	`item_id` text NOT NULL,
	`label` text NOT NULL,
	`text_source` text NOT NULL,
	`text_html` text NOT NULL,
	`is_correct` integer NOT NULL,
	`explanation_source` text NOT NULL,
	`explanation_html` text NOT NULL,
	PRIMARY KEY(`item_id`, `label`),
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `strands` (
	`slug` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`position` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `topics` (
	`slug` text PRIMARY KEY NOT NULL,
	`strand_slug` text NOT NULL,
	`name` text NOT NULL,
	`key_stages` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`strand_slug`) REFERENCES `strands`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `topics_strand_idx` ON `topics` (`strand_slug`);