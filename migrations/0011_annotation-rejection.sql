ALTER TABLE `annotations` ADD `rejected_by` text;--> statement-breakpoint
ALTER TABLE `annotations` ADD `rejected_at` text;--> statement-breakpoint
ALTER TABLE `annotations` ADD `rejected_hub_slug` text;--> statement-breakpoint
ALTER TABLE `annotations` ADD `rejected_reason` text;