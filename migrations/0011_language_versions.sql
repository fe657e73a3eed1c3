-- Language versions (#19): one document per section and language; '' is the source language's document.
-- ADD COLUMN with a constant default is a schema-only change in SQLite (no table rebuild), and
-- section_id still names the section, so the foreign key to sections stays valid.
ALTER TABLE `doc_updates` ADD `lang` text DEFAULT '' NOT NULL;--> statement-breakpoint
DROP INDEX `doc_updates_section_seq`;--> statement-breakpoint
CREATE INDEX `doc_updates_section_seq` ON `doc_updates` (`section_id`,`lang`,`seq`);--> statement-breakpoint
-- Client-id claims are per document: a client id claimed in a translation must not be taken for
-- the source's, or the other way round (it would attribute one person's text to another).
ALTER TABLE `doc_authors` ADD `lang` text DEFAULT '' NOT NULL;--> statement-breakpoint
DROP INDEX `doc_authors_client`;--> statement-breakpoint
CREATE UNIQUE INDEX `doc_authors_client` ON `doc_authors` (`section_id`,`lang`,`client_id`);
