CREATE TABLE `resource_servers` (
	`tenant` text NOT NULL,
	`identifier` text NOT NULL,
	`name` text NOT NULL,
	`scopes` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`tenant`, `identifier`)
);
--> statement-breakpoint
ALTER TABLE `auth_codes` ADD `nonce` text;--> statement-breakpoint
ALTER TABLE `auth_codes` ADD `family_id` text;--> statement-breakpoint
ALTER TABLE `clients` ADD `confidential` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `clients` ADD `secret_hash` text;--> statement-breakpoint
ALTER TABLE `clients` ADD `previous_secret_hash` text;--> statement-breakpoint
ALTER TABLE `clients` ADD `previous_secret_expires_at` integer;--> statement-breakpoint
ALTER TABLE `clients` ADD `grant_types` text DEFAULT '["authorization_code","refresh_token"]' NOT NULL;--> statement-breakpoint
ALTER TABLE `clients` ADD `logout_uris` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `clients` ADD `read_attributes` text;--> statement-breakpoint
ALTER TABLE `clients` ADD `access_token_ttl` integer;--> statement-breakpoint
ALTER TABLE `clients` ADD `id_token_ttl` integer;--> statement-breakpoint
ALTER TABLE `clients` ADD `refresh_token_ttl` integer;--> statement-breakpoint
ALTER TABLE `clients` ADD `updated_at` integer;--> statement-breakpoint
CREATE INDEX `clients_tenant` ON `clients` (`tenant`,`id`);--> statement-breakpoint
ALTER TABLE `email_challenges` ADD `scope` text;--> statement-breakpoint
ALTER TABLE `email_challenges` ADD `nonce` text;