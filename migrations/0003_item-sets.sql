CREATE TABLE `item_revisions` (
	`item_id` text NOT NULL,
	`revision` integer NOT NULL,
	`content_hash` text NOT NULL,
	`input` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`item_id`, `revision`),
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `item_revisions_hash_idx` ON `item_revisions` (`item_id`,`content_hash`);--> statement-breakpoint
CREATE TABLE `item_set_entries` (
	`set_id` text NOT NULL,
	`position` integer NOT NULL,
	`item_id` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`set_id`, `position`),
	FOREIGN KEY (`set_id`) REFERENCES `item_sets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `item_set_versions` (
	`set_id` text NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`years` text NOT NULL,
	`entries` text NOT NULL,
	`changelog` text NOT NULL,
	`published_by` text NOT NULL,
	`published_at` text NOT NULL,
	`withdrawn_at` text,
	`withdrawn_by` text,
	`withdrawn_reason` text,
	PRIMARY KEY(`set_id`, `version`),
	FOREIGN KEY (`set_id`) REFERENCES `item_sets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `item_sets` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_type` text NOT NULL,
	`owner_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`years` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `item_sets_owner_idx` ON `item_sets` (`owner_type`,`owner_id`);