CREATE TABLE "admin_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_at" bigint NOT NULL,
	"last_used_at" bigint,
	"revoked_at" bigint,
	CONSTRAINT "admin_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" text PRIMARY KEY NOT NULL,
	"at" bigint NOT NULL,
	"type" text NOT NULL,
	"tenant" text,
	"user_id" text,
	"client_id" text,
	"ip" text,
	"actor" text,
	"detail" text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auth_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"user_id" text NOT NULL,
	"redirect_uri" text NOT NULL,
	"code_challenge" text,
	"scope" text NOT NULL,
	"amr" text DEFAULT '[]' NOT NULL,
	"auth_time" bigint NOT NULL,
	"nonce" text,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"consumed_at" bigint,
	"family_id" text
);
--> statement-breakpoint
CREATE TABLE "clients" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant" text NOT NULL,
	"name" text NOT NULL,
	"redirect_uris" text DEFAULT '[]' NOT NULL,
	"audience" text,
	"scopes" text DEFAULT '[]' NOT NULL,
	"created_at" bigint NOT NULL,
	"confidential" smallint DEFAULT 0 NOT NULL,
	"secret_hash" text,
	"previous_secret_hash" text,
	"previous_secret_expires_at" bigint,
	"grant_types" text DEFAULT '["authorization_code","refresh_token"]' NOT NULL,
	"logout_uris" text DEFAULT '[]' NOT NULL,
	"read_attributes" text,
	"access_token_ttl" bigint,
	"id_token_ttl" bigint,
	"refresh_token_ttl" bigint,
	"updated_at" bigint
);
--> statement-breakpoint
CREATE TABLE "email_challenges" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant" text NOT NULL,
	"client_id" text NOT NULL,
	"email_normalized" text NOT NULL,
	"user_id" text,
	"purpose" text DEFAULT 'sign-in' NOT NULL,
	"link_hash" text,
	"code_hash" text,
	"redirect_uri" text,
	"state" text,
	"code_challenge" text,
	"scope" text,
	"nonce" text,
	"attempts" bigint DEFAULT 0 NOT NULL,
	"created_at" bigint NOT NULL,
	"link_expires_at" bigint NOT NULL,
	"code_expires_at" bigint NOT NULL,
	"consumed_at" bigint,
	CONSTRAINT "email_challenges_link_hash_unique" UNIQUE("link_hash")
);
--> statement-breakpoint
CREATE TABLE "federated_links" (
	"tenant" text NOT NULL,
	"provider" text NOT NULL,
	"subject" text NOT NULL,
	"user_id" text NOT NULL,
	"status" text NOT NULL,
	"pending_hash" text,
	"pending_expires_at" bigint,
	"email" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"last_used_at" bigint,
	CONSTRAINT "federated_links_tenant_provider_subject_pk" PRIMARY KEY("tenant","provider","subject")
);
--> statement-breakpoint
CREATE TABLE "federated_requests" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"tenant" text NOT NULL,
	"provider" text NOT NULL,
	"client_id" text NOT NULL,
	"redirect_uri" text NOT NULL,
	"state" text,
	"code_challenge" text,
	"scope" text,
	"nonce" text,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"consumed_at" bigint
);
--> statement-breakpoint
CREATE TABLE "hybrid_links" (
	"user_pool_id" text NOT NULL,
	"provider_name" text NOT NULL,
	"username" text NOT NULL,
	"user_id" text NOT NULL,
	"linked_at" bigint NOT NULL,
	CONSTRAINT "hybrid_links_user_pool_id_provider_name_username_pk" PRIMARY KEY("user_pool_id","provider_name","username")
);
--> statement-breakpoint
CREATE TABLE "identity_providers" (
	"tenant" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"config" text DEFAULT '{}' NOT NULL,
	"secret_sealed" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "identity_providers_tenant_name_pk" PRIMARY KEY("tenant","name")
);
--> statement-breakpoint
CREATE TABLE "import_conflicts" (
	"user_pool_id" text NOT NULL,
	"legacy_sub" text NOT NULL,
	"tenant" text NOT NULL,
	"username" text,
	"email" text,
	"reason" text NOT NULL,
	"record" text NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "import_conflicts_user_pool_id_legacy_sub_pk" PRIMARY KEY("user_pool_id","legacy_sub")
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"tenant" text NOT NULL,
	"cursor" text,
	"counts" text DEFAULT '{}' NOT NULL,
	"started_at" bigint NOT NULL,
	"finished_at" bigint
);
--> statement-breakpoint
CREATE TABLE "invitation_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant" text NOT NULL,
	"client_id" text NOT NULL,
	"queued" bigint NOT NULL,
	"created_at" bigint NOT NULL,
	"done_at" bigint,
	"paused_at" bigint,
	"pause_reason" text,
	"rate_since" bigint,
	"ramp_first" bigint,
	"ramp_growth" double precision,
	"ramp_limit" bigint
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"batch_id" text NOT NULL,
	"user_id" text NOT NULL,
	"email" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" bigint DEFAULT 0 NOT NULL,
	"next_attempt_at" bigint NOT NULL,
	"message_id" text,
	"error" text,
	"sent_at" bigint,
	"unsubscribe_hash" text,
	"unsubscribed_at" bigint,
	"position" bigint,
	CONSTRAINT "invitations_batch_id_user_id_pk" PRIMARY KEY("batch_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "legacy_links" (
	"user_pool_id" text NOT NULL,
	"sub" text NOT NULL,
	"user_id" text NOT NULL,
	"username" text NOT NULL,
	"status" text,
	"source_hash" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "legacy_links_user_pool_id_sub_pk" PRIMARY KEY("user_pool_id","sub")
);
--> statement-breakpoint
CREATE TABLE "mail_status" (
	"message_id" text PRIMARY KEY NOT NULL,
	"batch_id" text,
	"kind" text NOT NULL,
	"email" text,
	"status" text NOT NULL,
	"rank" bigint NOT NULL,
	"detail" text,
	"event_at" bigint NOT NULL,
	"first_seen_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" bigint DEFAULT 0 NOT NULL,
	"next_attempt_at" bigint NOT NULL,
	"message_id" text,
	"error" text,
	"created_at" bigint NOT NULL,
	"sent_at" bigint
);
--> statement-breakpoint
CREATE TABLE "passkeys" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"public_key" text NOT NULL,
	"counter" bigint DEFAULT 0 NOT NULL,
	"transports" text DEFAULT '[]' NOT NULL,
	"aaguid" text,
	"device_type" text,
	"backup_eligible" smallint DEFAULT 0 NOT NULL,
	"backed_up" smallint DEFAULT 0 NOT NULL,
	"name" text NOT NULL,
	"flagged_at" bigint,
	"created_at" bigint NOT NULL,
	"last_used_at" bigint
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" bigint NOT NULL,
	"count" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "refresh_families" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"client_id" text NOT NULL,
	"scope" text NOT NULL,
	"amr" text DEFAULT '[]' NOT NULL,
	"auth_time" bigint NOT NULL,
	"created_at" bigint NOT NULL,
	"revoked_at" bigint,
	"revoked_reason" text,
	"token_hash" text,
	"token_expires_at" bigint,
	"rotated_at" bigint,
	"prev_token_hash" text
);
--> statement-breakpoint
CREATE TABLE "refresh_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"family_id" text NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"used_at" bigint
);
--> statement-breakpoint
CREATE TABLE "resource_servers" (
	"tenant" text NOT NULL,
	"identifier" text NOT NULL,
	"name" text NOT NULL,
	"scopes" text DEFAULT '[]' NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "resource_servers_tenant_identifier_pk" PRIMARY KEY("tenant","identifier")
);
--> statement-breakpoint
CREATE TABLE "saml_assertions" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "send_pace" (
	"key" text PRIMARY KEY NOT NULL,
	"next_slot_at" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"amr" text DEFAULT '[]' NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"revoked_at" bigint
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signing_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"alg" text NOT NULL,
	"public_jwk" text NOT NULL,
	"private_jwk" text NOT NULL,
	"created_at" bigint NOT NULL,
	"activate_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sns_messages" (
	"message_id" text PRIMARY KEY NOT NULL,
	"received_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suppressions" (
	"email_normalized" text PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"message_id" text,
	"detail" text,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant" text NOT NULL,
	"email" text,
	"email_normalized" text,
	"email_verified" smallint DEFAULT 0 NOT NULL,
	"enabled" smallint DEFAULT 1 NOT NULL,
	"freshly_migrated" smallint DEFAULT 0 NOT NULL,
	"profile" text DEFAULT '{}' NOT NULL,
	"attributes" text DEFAULT '{}' NOT NULL,
	"roles" text DEFAULT '[]' NOT NULL,
	"identities" text DEFAULT '[]' NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"last_sign_in_at" bigint,
	"email_verified_at" bigint
);
--> statement-breakpoint
CREATE TABLE "webauthn_challenges" (
	"challenge_hash" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"user_id" text,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"consumed_at" bigint
);
--> statement-breakpoint
ALTER TABLE "auth_codes" ADD CONSTRAINT "auth_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federated_links" ADD CONSTRAINT "federated_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hybrid_links" ADD CONSTRAINT "hybrid_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_batch_id_invitation_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."invitation_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legacy_links" ADD CONSTRAINT "legacy_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passkeys" ADD CONSTRAINT "passkeys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_families" ADD CONSTRAINT "refresh_families_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_family_id_refresh_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."refresh_families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_type_at" ON "audit_events" USING btree ("type","at");--> statement-breakpoint
CREATE INDEX "audit_events_user" ON "audit_events" USING btree ("user_id","at","id");--> statement-breakpoint
CREATE INDEX "audit_events_at" ON "audit_events" USING btree ("at","id");--> statement-breakpoint
CREATE INDEX "clients_tenant" ON "clients" USING btree ("tenant","id");--> statement-breakpoint
CREATE INDEX "email_challenges_email" ON "email_challenges" USING btree ("tenant","email_normalized","created_at");--> statement-breakpoint
CREATE INDEX "federated_links_user" ON "federated_links" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "federated_links_pending" ON "federated_links" USING btree ("pending_hash");--> statement-breakpoint
CREATE INDEX "federated_requests_expires" ON "federated_requests" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "import_conflicts_tenant" ON "import_conflicts" USING btree ("tenant");--> statement-breakpoint
CREATE INDEX "invitations_status" ON "invitations" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "invitations_message" ON "invitations" USING btree ("message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_unsubscribe" ON "invitations" USING btree ("unsubscribe_hash");--> statement-breakpoint
CREATE INDEX "invitations_position" ON "invitations" USING btree ("batch_id","position");--> statement-breakpoint
CREATE INDEX "legacy_links_sub" ON "legacy_links" USING btree ("sub");--> statement-breakpoint
CREATE INDEX "legacy_links_user" ON "legacy_links" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "mail_status_batch" ON "mail_status" USING btree ("batch_id","status");--> statement-breakpoint
CREATE INDEX "outbox_status_next" ON "outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outbox_message" ON "outbox" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "passkeys_user" ON "passkeys" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "refresh_families_user" ON "refresh_families" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "refresh_tokens_family" ON "refresh_tokens" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "saml_assertions_expires" ON "saml_assertions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "signing_keys_activate" ON "signing_keys" USING btree ("activate_at");--> statement-breakpoint
CREATE INDEX "sns_messages_received" ON "sns_messages" USING btree ("received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_tenant_email" ON "users" USING btree ("tenant","email_normalized");--> statement-breakpoint
CREATE INDEX "users_tenant_fresh" ON "users" USING btree ("tenant","freshly_migrated","id");--> statement-breakpoint
CREATE INDEX "users_tenant_id" ON "users" USING btree ("tenant","id");