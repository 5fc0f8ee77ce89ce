CREATE TABLE `classes` (
	`id` text PRIMARY KEY NOT NULL,
	`teacher_id` text NOT NULL,
	`label` text NOT NULL,
	`year` integer NOT NULL,
	`school` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`teacher_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `classes_teacher_idx` ON `classes` (`teacher_id`);--> statement-breakpoint
CREATE TABLE `enquiries` (
	`id` text PRIMARY KEY NOT NULL,
	`workgroup_id` text NOT NULL,
	`question` text NOT NULL,
	`created_by` text NOT NULL,
	`pre_from` text NOT NULL,
	`pre_to` text NOT NULL,
	`post_from` text NOT NULL,
	`post_to` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`summary` text,
	`closed_at` text,
	`shared_at` text,
	`show_class_labels` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`workgroup_id`) REFERENCES `workgroups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `enquiries_workgroup_idx` ON `enquiries` (`workgroup_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `enquiry_classes` (
	`enquiry_id` text NOT NULL,
	`class_id` text NOT NULL,
	`added_by` text NOT NULL,
	`added_at` text NOT NULL,
	PRIMARY KEY(`enquiry_id`, `class_id`),
	FOREIGN KEY (`enquiry_id`) REFERENCES `enquiries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `enquiry_classes_class_idx` ON `enquiry_classes` (`class_id`);--> statement-breakpoint
CREATE TABLE `enquiry_items` (
	`enquiry_id` text NOT NULL,
	`phase` text NOT NULL,
	`position` integer NOT NULL,
	`item_id` text NOT NULL,
	PRIMARY KEY(`enquiry_id`, `phase`, `position`),
	FOREIGN KEY (`enquiry_id`) REFERENCES `enquiries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `enquiry_misconceptions` (
	`enquiry_id` text NOT NULL,
	`misconception_slug` text NOT NULL,
	PRIMARY KEY(`enquiry_id`, `misconception_slug`),
	FOREIGN KEY (`enquiry_id`) REFERENCES `enquiries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`misconception_slug`) REFERENCES `misconceptions`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `live_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`class_id` text NOT NULL,
	`teacher_id` text NOT NULL,
	`questions` text NOT NULL,
	`source` text NOT NULL,
	`started_at` text NOT NULL,
	`ended_at` text,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`teacher_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `live_sessions_code_idx` ON `live_sessions` (`code`);--> statement-breakpoint
CREATE INDEX `live_sessions_teacher_idx` ON `live_sessions` (`teacher_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `tallies` (
	`id` text PRIMARY KEY NOT NULL,
	`teacher_id` text NOT NULL,
	`class_id` text NOT NULL,
	`item_id` text NOT NULL,
	`item_revision` integer NOT NULL,
	`session_id` text,
	`source` text NOT NULL,
	`year` integer NOT NULL,
	`taken_on` text NOT NULL,
	`pupils_answering` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`teacher_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `live_sessions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `tallies_item_idx` ON `tallies` (`item_id`);--> statement-breakpoint
CREATE INDEX `tallies_class_idx` ON `tallies` (`class_id`,`taken_on`);--> statement-breakpoint
CREATE INDEX `tallies_teacher_idx` ON `tallies` (`teacher_id`);--> statement-breakpoint
CREATE TABLE `tally_counts` (
	`tally_id` text NOT NULL,
	`label` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`tally_id`, `label`),
	FOREIGN KEY (`tally_id`) REFERENCES `tallies`(`id`) ON UPDATE no action ON DELETE cascade
);
