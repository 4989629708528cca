ALTER TABLE `refresh_families` ADD `token_hash` text;--> statement-breakpoint
ALTER TABLE `refresh_families` ADD `token_expires_at` integer;--> statement-breakpoint
ALTER TABLE `refresh_families` ADD `rotated_at` integer;--> statement-breakpoint
-- Hand-added data step: each family keeps its newest unused token, so sessions live on across the upgrade.
UPDATE `refresh_families` SET
	`token_hash` = (SELECT `token_hash` FROM `refresh_tokens` t WHERE t.`family_id` = `refresh_families`.`id` AND t.`used_at` IS NULL ORDER BY t.`created_at` DESC, t.`expires_at` DESC LIMIT 1),
	`token_expires_at` = (SELECT `expires_at` FROM `refresh_tokens` t WHERE t.`family_id` = `refresh_families`.`id` AND t.`used_at` IS NULL ORDER BY t.`created_at` DESC, t.`expires_at` DESC LIMIT 1);
