DROP INDEX `audit_events_user`;--> statement-breakpoint
DROP INDEX `audit_events_at`;--> statement-breakpoint
ALTER TABLE `audit_events` ADD `actor` text;--> statement-breakpoint
CREATE INDEX `audit_events_user` ON `audit_events` (`user_id`,`at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_events_at` ON `audit_events` (`at`,`id`);--> statement-breakpoint
CREATE INDEX `users_tenant_id` ON `users` (`tenant`,`id`);