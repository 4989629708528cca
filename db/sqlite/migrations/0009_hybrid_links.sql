CREATE TABLE `hybrid_links` (
	`user_pool_id` text NOT NULL,
	`provider_name` text NOT NULL,
	`username` text NOT NULL,
	`user_id` text NOT NULL,
	`linked_at` integer NOT NULL,
	PRIMARY KEY(`user_pool_id`, `provider_name`, `username`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
