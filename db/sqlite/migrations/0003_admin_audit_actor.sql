ALTER TABLE `audit_events` ADD `actor` text;--> statement-breakpoint
CREATE INDEX `audit_events_at` ON `audit_events` (`at`,`id`);