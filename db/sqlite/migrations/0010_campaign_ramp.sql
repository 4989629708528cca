ALTER TABLE `invitation_batches` ADD `ramp_first` integer;--> statement-breakpoint
ALTER TABLE `invitation_batches` ADD `ramp_growth` real;--> statement-breakpoint
ALTER TABLE `invitation_batches` ADD `ramp_limit` integer;--> statement-breakpoint
ALTER TABLE `invitations` ADD `position` integer;--> statement-breakpoint
CREATE INDEX `invitations_position` ON `invitations` (`batch_id`,`position`);