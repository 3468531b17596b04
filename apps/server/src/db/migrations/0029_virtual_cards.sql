CREATE TABLE "card_transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_transaction_id" text NOT NULL,
	"card_id" uuid NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"merchant" text,
	"decline_reason" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "card_transactions_provider_transaction_id_unique" UNIQUE("provider_transaction_id"),
	CONSTRAINT "card_transactions_amount" CHECK ("card_transactions"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "provider_webhook_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "virtual_card_conditions" (
	"coopname" text PRIMARY KEY NOT NULL,
	"issuing" boolean DEFAULT false NOT NULL,
	"max_cards_per_member" integer DEFAULT 1 NOT NULL,
	"monthly_top_up_cap" bigint,
	"low_funds_threshold" bigint,
	"default_limit_per_transaction" bigint,
	"default_limit_daily" bigint,
	"default_limit_monthly" bigint,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "virtual_cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_card_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"coopname" text NOT NULL,
	"username" text NOT NULL,
	"last4" char(4) NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"currency" char(3) NOT NULL,
	"limit_per_transaction" bigint,
	"limit_daily" bigint,
	"limit_monthly" bigint,
	"revision" integer DEFAULT 1 NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "virtual_cards_provider_card_id_unique" UNIQUE("provider_card_id"),
	CONSTRAINT "virtual_cards_last4" CHECK ("virtual_cards"."last4" ~ '^[0-9]{4}$')
);
--> statement-breakpoint
ALTER TABLE "card_transactions" ADD CONSTRAINT "card_transactions_card_id_virtual_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."virtual_cards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "virtual_card_conditions" ADD CONSTRAINT "virtual_card_conditions_coopname_cooperatives_coopname_fk" FOREIGN KEY ("coopname") REFERENCES "public"."cooperatives"("coopname") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "virtual_cards" ADD CONSTRAINT "virtual_cards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "virtual_cards" ADD CONSTRAINT "virtual_cards_coopname_cooperatives_coopname_fk" FOREIGN KEY ("coopname") REFERENCES "public"."cooperatives"("coopname") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "card_transactions_card_idx" ON "card_transactions" USING btree ("card_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "virtual_cards_user_idx" ON "virtual_cards" USING btree ("user_id","issued_at");--> statement-breakpoint
CREATE INDEX "virtual_cards_coop_idx" ON "virtual_cards" USING btree ("coopname","issued_at");