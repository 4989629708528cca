CREATE TABLE `send_pace` (
	`key` text PRIMARY KEY NOT NULL,
	`next_slot_at` real NOT NULL
);
