CREATE TABLE `outline_titles` (
	`key` text PRIMARY KEY NOT NULL,
	`title_en` text NOT NULL,
	`title_ru` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `sections` ADD `title_ru` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Russian titles for the workspaces created before them (a new workspace is seeded with them).
INSERT OR IGNORE INTO `outline_titles` (`key`, `title_en`, `title_ru`) VALUES ('course', 'International Migration Law and Return Migration', 'Международное миграционное право и возвратная миграция');
--> statement-breakpoint
INSERT OR IGNORE INTO `outline_titles` (`key`, `title_en`, `title_ru`) VALUES ('part-1', 'Unified theoretical framework', 'Единая теоретическая основа');
--> statement-breakpoint
INSERT OR IGNORE INTO `outline_titles` (`key`, `title_en`, `title_ru`) VALUES ('part-2', 'National legal norms', 'Национальные правовые нормы');
--> statement-breakpoint
UPDATE `sections` SET `title_ru` = 'Основные понятия и терминология миграции' WHERE `id` = 'regional-1' AND `title_ru` = '';
--> statement-breakpoint
UPDATE `sections` SET `title_ru` = 'Глобальное и региональное сотрудничество государств Центральной Азии в сфере миграции' WHERE `id` = 'regional-2' AND `title_ru` = '';
--> statement-breakpoint
UPDATE `sections` SET `title_ru` = 'Возвратная миграция (добровольная и принудительная)' WHERE `id` = 'regional-3' AND `title_ru` = '';
--> statement-breakpoint
UPDATE `sections` SET `title_ru` = 'Содействие добровольному возвращению и реинтеграции трудовых мигрантов' WHERE `id` = 'regional-4' AND `title_ru` = '';
--> statement-breakpoint
UPDATE `sections` SET `title_ru` = 'Полномочия и ответственность государственных органов в управлении миграцией' WHERE `id` = 'regional-5' AND `title_ru` = '';
--> statement-breakpoint
UPDATE `sections` SET `title_ru` = 'Казахстан: национальные правовые нормы и опыт управления' WHERE `id` = 'national-kz' AND `title_ru` = '';
--> statement-breakpoint
UPDATE `sections` SET `title_ru` = 'Кыргызстан: национальные правовые нормы и опыт управления' WHERE `id` = 'national-kg' AND `title_ru` = '';
--> statement-breakpoint
UPDATE `sections` SET `title_ru` = 'Таджикистан: национальные правовые нормы и опыт управления' WHERE `id` = 'national-tj' AND `title_ru` = '';
--> statement-breakpoint
UPDATE `sections` SET `title_ru` = 'Туркменистан: национальные правовые нормы и опыт управления' WHERE `id` = 'national-tm' AND `title_ru` = '';
--> statement-breakpoint
UPDATE `sections` SET `title_ru` = 'Узбекистан: национальные правовые нормы и опыт управления' WHERE `id` = 'national-uz' AND `title_ru` = '';