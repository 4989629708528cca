CREATE TABLE "cognito_auth_sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"username" text NOT NULL,
	"challenge" text NOT NULL,
	"data" text DEFAULT '{}' NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"spent_at" bigint
);
--> statement-breakpoint
CREATE INDEX "cognito_auth_sessions_expiry" ON "cognito_auth_sessions" USING btree ("expires_at");