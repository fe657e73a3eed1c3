-- The shared glossary (#20). An entry's terms are one JSON object keyed by language code: they are
-- read and written whole, and no query looks inside them. An approval keeps the hash of the
-- wording it approved, so an edit leaves it in place as history instead of deleting it.
CREATE TABLE `glossary_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`terms` text NOT NULL,
	`definition` text NOT NULL,
	`source` text DEFAULT '' NOT NULL,
	`proposed_by` integer NOT NULL,
	`content_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE TABLE `glossary_approvals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` text NOT NULL,
	`reviewer_id` integer NOT NULL,
	`organisation` text NOT NULL,
	`content_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `glossary_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE INDEX `glossary_approvals_entry` ON `glossary_approvals` (`entry_id`,`id`);
