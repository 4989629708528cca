DROP INDEX `audit_events_user`;--> statement-breakpoint
CREATE INDEX `audit_events_user` ON `audit_events` (`user_id`,`at`,`id`);--> statement-breakpoint
CREATE INDEX `users_tenant_id` ON `users` (`tenant`,`id`);