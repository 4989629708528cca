CREATE TABLE "sns_message_ids" (
	"sent_at" bigint NOT NULL,
	"message_id" text NOT NULL,
	CONSTRAINT "sns_message_ids_sent_at_message_id_pk" PRIMARY KEY("sent_at","message_id")
);
