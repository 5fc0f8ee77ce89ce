ALTER TABLE `item_revisions` ADD `status` text DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE `item_revisions` ADD `author_id` text;--> statement-breakpoint
ALTER TABLE `item_revisions` ADD `reviewed_by` text;--> statement-breakpoint
ALTER TABLE `items` ADD `hub_slug` text;