-- Hand-edited after drizzle-kit: WITHOUT ROWID, which drizzle's schema cannot express (see db/sqlite/schema.ts).
CREATE TABLE `sns_message_ids` (
	`sent_at` integer NOT NULL,
	`message_id` text NOT NULL,
	PRIMARY KEY(`sent_at`, `message_id`)
) WITHOUT ROWID;
