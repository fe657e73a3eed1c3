CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`section_id` text NOT NULL,
	`reviewer_id` integer NOT NULL,
	`organisation` text NOT NULL,
	`decision` text NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	`round` integer NOT NULL,
	`content_hash` text NOT NULL,
	`content_state` blob NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`section_id`) REFERENCES `sections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reviews_section` ON `reviews` (`section_id`,`id`);--> statement-breakpoint
CREATE TABLE `submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`section_id` text NOT NULL,
	`actor_id` integer NOT NULL,
	`kind` text NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	`round` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`section_id`) REFERENCES `sections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `submissions_section` ON `submissions` (`section_id`,`id`);--> statement-breakpoint
ALTER TABLE `sections` ADD `round` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sections` ADD `last_edited_at` integer;--> statement-breakpoint
ALTER TABLE `sections` ADD `last_edited_by` integer REFERENCES users(id);