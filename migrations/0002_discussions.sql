CREATE TABLE `annotation_responses` (
	`annotation_id` text NOT NULL,
	`user_id` text NOT NULL,
	`vote` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`annotation_id`, `user_id`),
	FOREIGN KEY (`annotation_id`) REFERENCES `annotations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `annotations` (
	`id` text PRIMARY KEY NOT NULL,
	`workgroup_id` text NOT NULL,
	`item_id` text NOT NULL,
	`label` text NOT NULL,
	`misconception_slug` text,
	`draft_slug` text,
	`draft_title` text,
	`draft_description_source` text,
	`draft_description_html` text,
	`evidence_source` text NOT NULL,
	`evidence_html` text NOT NULL,
	`evidence_counts` text,
	`status` text NOT NULL,
	`proposed_by` text NOT NULL,
	`proposed_at` text NOT NULL,
	`accepted_by` text,
	`accepted_at` text,
	`accepted_hub_slug` text,
	FOREIGN KEY (`workgroup_id`) REFERENCES `workgroups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `annotations_workgroup_idx` ON `annotations` (`workgroup_id`);--> statement-breakpoint
CREATE INDEX `annotations_item_idx` ON `annotations` (`item_id`,`status`);--> statement-breakpoint
CREATE INDEX `annotations_status_idx` ON `annotations` (`status`,`proposed_at`);--> statement-breakpoint
CREATE TABLE `post_flags` (
	`post_id` text NOT NULL,
	`user_id` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` text NOT NULL,
	`resolved_at` text,
	PRIMARY KEY(`post_id`, `user_id`),
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `post_flags_open_idx` ON `post_flags` (`resolved_at`,`created_at`);--> statement-breakpoint
CREATE TABLE `post_reactions` (
	`post_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`post_id`, `user_id`),
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `post_revisions` (
	`post_id` text NOT NULL,
	`revision` integer NOT NULL,
	`kind` text NOT NULL,
	`body_source` text NOT NULL,
	`body_html` text NOT NULL,
	`evidence` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`post_id`, `revision`),
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `posts` (
	`id` text PRIMARY KEY NOT NULL,
	`thread_id` text NOT NULL,
	`author_id` text NOT NULL,
	`parent_id` text,
	`quote_post_id` text,
	`kind` text NOT NULL,
	`body_source` text NOT NULL,
	`body_html` text NOT NULL,
	`evidence` text,
	`revision` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`edited_at` text,
	`deleted_at` text,
	`hidden_at` text,
	`hidden_by` text,
	`hidden_reason` text,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `posts_thread_idx` ON `posts` (`thread_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `posts_author_idx` ON `posts` (`author_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `threads` (
	`id` text PRIMARY KEY NOT NULL,
	`target_kind` text NOT NULL,
	`target_id` text NOT NULL,
	`workgroup_id` text,
	`title` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`last_post_at` text NOT NULL,
	`accepted_post_id` text,
	`locked_at` text,
	`locked_by` text,
	`lock_reason` text,
	FOREIGN KEY (`workgroup_id`) REFERENCES `workgroups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `threads_target_idx` ON `threads` (`target_kind`,`target_id`);--> statement-breakpoint
CREATE INDEX `threads_workgroup_idx` ON `threads` (`workgroup_id`,`last_post_at`);--> statement-breakpoint
CREATE TABLE `workgroup_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`workgroup_id` text NOT NULL,
	`misconception_slug` text NOT NULL,
	`author_id` text NOT NULL,
	`body_source` text NOT NULL,
	`body_html` text NOT NULL,
	`created_at` text NOT NULL,
	`shared_at` text,
	`shared_by` text,
	FOREIGN KEY (`workgroup_id`) REFERENCES `workgroups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`misconception_slug`) REFERENCES `misconceptions`(`slug`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `workgroup_notes_wg_idx` ON `workgroup_notes` (`workgroup_id`,`misconception_slug`);--> statement-breakpoint
CREATE INDEX `workgroup_notes_shared_idx` ON `workgroup_notes` (`misconception_slug`,`shared_at`);