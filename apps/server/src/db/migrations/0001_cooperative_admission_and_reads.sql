ALTER TABLE "cooperatives" ADD COLUMN "admission" text DEFAULT 'members' NOT NULL;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "last_read_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "read_count" integer DEFAULT 0 NOT NULL;