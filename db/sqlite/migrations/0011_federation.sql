CREATE TABLE `federated_links` (
	`tenant` text NOT NULL,
	`provider` text NOT NULL,
	`subject` text NOT NULL,
	`user_id` text NOT NULL,
	`status` text NOT NULL,
	`pending_hash` text,
	`pending_expires_at` integer,
	`email` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`last_used_at` integer,
	PRIMARY KEY(`tenant`, `provider`, `subject`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `federated_links_user` ON `federated_links` (`user_id`);--> statement-breakpoint
CREATE INDEX `federated_links_pending` ON `federated_links` (`pending_hash`);--> statement-breakpoint
CREATE TABLE `federated_requests` (
	`state_hash` text PRIMARY KEY NOT NULL,
	`tenant` text NOT NULL,
	`provider` text NOT NULL,
	`client_id` text NOT NULL,
	`redirect_uri` text NOT NULL,
	`state` text,
	`code_challenge` text,
	`scope` text,
	`nonce` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`consumed_at` integer
);
--> statement-breakpoint
CREATE INDEX `federated_requests_expires` ON `federated_requests` (`expires_at`);--> statement-breakpoint
CREATE TABLE `identity_providers` (
	`tenant` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`config` text DEFAULT '{}' NOT NULL,
	`secret_sealed` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`tenant`, `name`)
);
--> statement-breakpoint
CREATE TABLE `saml_assertions` (
	`id` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `saml_assertions_expires` ON `saml_assertions` (`expires_at`);