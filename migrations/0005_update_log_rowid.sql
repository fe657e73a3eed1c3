PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_doc_updates` (
	`seq` integer PRIMARY KEY NOT NULL,
	`section_id` text NOT NULL,
	`update` blob NOT NULL,
	`checksum` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`section_id`) REFERENCES `sections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_doc_updates`("seq", "section_id", "update", "checksum", "created_at") SELECT "seq", "section_id", "update", "checksum", "created_at" FROM `doc_updates`;--> statement-breakpoint
DROP TABLE `doc_updates`;--> statement-breakpoint
ALTER TABLE `__new_doc_updates` RENAME TO `doc_updates`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `doc_updates_section_seq` ON `doc_updates` (`section_id`,`seq`);