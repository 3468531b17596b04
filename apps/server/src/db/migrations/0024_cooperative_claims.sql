CREATE TABLE "cooperative_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"coopname" text NOT NULL,
	"requested_by" uuid,
	"note" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"decided_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "cooperative_claims" ADD CONSTRAINT "cooperative_claims_coopname_cooperatives_coopname_fk" FOREIGN KEY ("coopname") REFERENCES "public"."cooperatives"("coopname") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperative_claims" ADD CONSTRAINT "cooperative_claims_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperative_claims" ADD CONSTRAINT "cooperative_claims_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cooperative_claims_pending" ON "cooperative_claims" USING btree ("coopname") WHERE "cooperative_claims"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "cooperative_claims_status_idx" ON "cooperative_claims" USING btree ("status","requested_at");