-- "Suggestions only" (#17): while on, everyone who may edit the section suggests instead.
ALTER TABLE `sections` ADD `suggestions_only` integer DEFAULT 0 NOT NULL;
