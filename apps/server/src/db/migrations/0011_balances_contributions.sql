-- Issue 13: balances cooperatives push per member, their payment details, and payment requests
-- for contributions (unique per cooperative by its own request id and by its own payment id).
CREATE TABLE "balances" (
	"coopname" text NOT NULL,
	"username" text NOT NULL,
	"funds" jsonb NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "balances_coop_user" UNIQUE("coopname","username")
);
--> statement-breakpoint
CREATE TABLE "payment_details" (
	"coopname" text PRIMARY KEY NOT NULL,
	"details" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"coopname" text NOT NULL,
	"external_id" text NOT NULL,
	"username" text NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"due_date" date NOT NULL,
	"purpose" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"payment_id" text,
	"paid_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_requests_coop_external" UNIQUE("coopname","external_id"),
	CONSTRAINT "payment_requests_coop_payment" UNIQUE("coopname","payment_id")
);
--> statement-breakpoint
ALTER TABLE "balances" ADD CONSTRAINT "balances_coopname_cooperatives_coopname_fk" FOREIGN KEY ("coopname") REFERENCES "public"."cooperatives"("coopname") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_details" ADD CONSTRAINT "payment_details_coopname_cooperatives_coopname_fk" FOREIGN KEY ("coopname") REFERENCES "public"."cooperatives"("coopname") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_requests" ADD CONSTRAINT "payment_requests_coopname_cooperatives_coopname_fk" FOREIGN KEY ("coopname") REFERENCES "public"."cooperatives"("coopname") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_requests_coop_created_idx" ON "payment_requests" USING btree ("coopname","created_at","id");--> statement-breakpoint
CREATE INDEX "payment_requests_user_created_idx" ON "payment_requests" USING btree ("username","created_at","id");