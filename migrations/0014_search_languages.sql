-- Search in every language version (#19): an entry belongs to one language version of its section,
-- '' being the source language's document (every entry before this; a comment's is its thread's).
-- ADD COLUMN with a constant default is a schema-only change in SQLite. search_sources records each
-- indexed document, so its key becomes (section, language): rebuilt with the hashes it has, so a
-- start after this migration re-indexes no source text.
ALTER TABLE `search_entries` ADD `lang` text DEFAULT '' NOT NULL;--> statement-breakpoint
DROP INDEX `search_entries_section`;--> statement-breakpoint
CREATE INDEX `search_entries_section` ON `search_entries` (`section_id`,`lang`,`kind`);--> statement-breakpoint
CREATE TABLE `search_sources_new` (
	`section_id` text NOT NULL,
	`lang` text DEFAULT '' NOT NULL,
	`content_hash` text NOT NULL,
	`indexed_at` integer NOT NULL,
	PRIMARY KEY(`section_id`, `lang`)
);--> statement-breakpoint
INSERT INTO `search_sources_new` (`section_id`, `lang`, `content_hash`, `indexed_at`)
	SELECT `section_id`, '', `content_hash`, `indexed_at` FROM `search_sources`;--> statement-breakpoint
DROP TABLE `search_sources`;--> statement-breakpoint
ALTER TABLE `search_sources_new` RENAME TO `search_sources`;
