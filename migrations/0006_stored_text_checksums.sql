ALTER TABLE `reviews` ADD `state_checksum` text;--> statement-breakpoint
ALTER TABLE `versions` ADD `state_checksum` text;