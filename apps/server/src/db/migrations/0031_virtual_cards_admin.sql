CREATE TABLE "reconciliation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trigger" text NOT NULL,
	"actor" text,
	"difference_count" integer NOT NULL,
	"summary" jsonb NOT NULL,
	"differences" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "virtual_card_monthly_reports" (
	"coopname" text NOT NULL,
	"month" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "virtual_card_monthly_reports_coopname_month_pk" PRIMARY KEY("coopname","month")
);
--> statement-breakpoint
ALTER TABLE "virtual_card_monthly_reports" ADD CONSTRAINT "virtual_card_monthly_reports_coopname_cooperatives_coopname_fk" FOREIGN KEY ("coopname") REFERENCES "public"."cooperatives"("coopname") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reconciliation_runs_created_idx" ON "reconciliation_runs" USING btree ("created_at");