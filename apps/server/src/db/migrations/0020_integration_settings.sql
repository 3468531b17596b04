CREATE TABLE "cooperative_logos" (
	"coopname" text PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"data" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "field_reasons" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "description" text;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "site_url" text;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "client_secret_rotated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "previous_client_secret_hash" text;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "previous_client_secret_valid_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cooperative_logos" ADD CONSTRAINT "cooperative_logos_coopname_cooperatives_coopname_fk" FOREIGN KEY ("coopname") REFERENCES "public"."cooperatives"("coopname") ON DELETE cascade ON UPDATE no action;