-- An identity for this workspace's data, created once. Browsers name their local copies of sections
-- with it: section ids are the same in every workspace (regional-1, national-kz), so without it a
-- copy kept for one workspace would be merged into another served at the same address.
INSERT OR IGNORE INTO `settings` (`key`, `value`) VALUES ('instance', '"' || lower(hex(randomblob(16))) || '"');
