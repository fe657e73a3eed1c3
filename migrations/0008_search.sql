-- Full-text search over section text (one row per top-level block) and comments. Hand-written:
-- drizzle cannot express an FTS5 table, and the tables beside it are read only with it
-- (server/domain/search.ts), so drizzle's schema does not know them.
CREATE TABLE `search_entries` (
	`id` integer PRIMARY KEY NOT NULL,
	`section_id` text NOT NULL,
	`kind` text NOT NULL,
	`block` integer,
	`thread_id` integer,
	`comment_id` integer,
	`text` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `search_entries_section` ON `search_entries` (`section_id`,`kind`);
--> statement-breakpoint
CREATE INDEX `search_entries_thread` ON `search_entries` (`thread_id`);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_text` USING fts5(`body`, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TABLE `search_sources` (
	`section_id` text PRIMARY KEY NOT NULL,
	`content_hash` text NOT NULL,
	`indexed_at` integer NOT NULL
);
