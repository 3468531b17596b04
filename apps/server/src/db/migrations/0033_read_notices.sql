CREATE TABLE "read_notice_progress" (
	"only" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"after_event_id" bigint NOT NULL,
	CONSTRAINT "read_notice_progress_one_row" CHECK ("read_notice_progress"."only")
);
--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "read_noticed_at" timestamp with time zone;--> statement-breakpoint
-- Reads before this migration were noticed the old way (at most once a day, at the read): start after them.
INSERT INTO "read_notice_progress" ("after_event_id") SELECT coalesce(max("id"), 0) FROM "audit_events";
