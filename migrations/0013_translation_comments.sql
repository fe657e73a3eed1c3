-- Comments on a translation (#19): a thread belongs to one language version of its section, '' being
-- the source language's document (every thread before this). ADD COLUMN with a constant default is a
-- schema-only change in SQLite; the index on section_id still narrows a section's threads to a few.
ALTER TABLE `comment_threads` ADD `lang` text DEFAULT '' NOT NULL;
