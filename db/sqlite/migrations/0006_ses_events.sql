CREATE TABLE `mail_status` (
	`message_id` text PRIMARY KEY NOT NULL,
	`batch_id` text,
	`kind` text NOT NULL,
	`email` text,
	`status` text NOT NULL,
	`rank` integer NOT NULL,
	`detail` text,
	`event_at` integer NOT NULL,
	`first_seen_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `mail_status_batch` ON `mail_status` (`batch_id`,`status`);--> statement-breakpoint
CREATE TABLE `sns_messages` (
	`message_id` text PRIMARY KEY NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sns_messages_received` ON `sns_messages` (`received_at`);--> statement-breakpoint
CREATE TABLE `suppressions` (
	`email_normalized` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`message_id` text,
	`detail` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `invitation_batches` ADD `paused_at` integer;--> statement-breakpoint
ALTER TABLE `invitation_batches` ADD `pause_reason` text;--> statement-breakpoint
ALTER TABLE `invitation_batches` ADD `rate_since` integer;--> statement-breakpoint
ALTER TABLE `invitations` ADD `unsubscribe_hash` text;--> statement-breakpoint
ALTER TABLE `invitations` ADD `unsubscribed_at` integer;--> statement-breakpoint
CREATE INDEX `invitations_message` ON `invitations` (`message_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_unsubscribe` ON `invitations` (`unsubscribe_hash`);--> statement-breakpoint
CREATE INDEX `outbox_message` ON `outbox` (`message_id`);