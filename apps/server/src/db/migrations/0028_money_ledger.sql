CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"response_status" integer,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"posting_id" uuid NOT NULL,
	"account" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_entries_nonzero" CHECK ("ledger_entries"."amount" <> 0),
	CONSTRAINT "ledger_entries_currency" CHECK ("ledger_entries"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "ledger_postings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"operation_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "money_operations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"coopname" text NOT NULL,
	"user_id" uuid,
	"card_id" uuid,
	"amount" bigint NOT NULL,
	"fee" bigint DEFAULT 0 NOT NULL,
	"currency" char(3) NOT NULL,
	"provider_ref" text,
	"failure" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "money_operations_amounts" CHECK ("money_operations"."amount" >= 0 and "money_operations"."fee" >= 0),
	CONSTRAINT "money_operations_currency" CHECK ("money_operations"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_posting_id_ledger_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."ledger_postings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_operation_id_money_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."money_operations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_operations" ADD CONSTRAINT "money_operations_coopname_cooperatives_coopname_fk" FOREIGN KEY ("coopname") REFERENCES "public"."cooperatives"("coopname") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_operations" ADD CONSTRAINT "money_operations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_entries_account_idx" ON "ledger_entries" USING btree ("account","currency");--> statement-breakpoint
CREATE INDEX "ledger_entries_posting_idx" ON "ledger_entries" USING btree ("posting_id");--> statement-breakpoint
CREATE INDEX "ledger_postings_operation_idx" ON "ledger_postings" USING btree ("operation_id");--> statement-breakpoint
CREATE INDEX "money_operations_pending_idx" ON "money_operations" USING btree ("created_at") WHERE "money_operations"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "money_operations_card_idx" ON "money_operations" USING btree ("card_id","created_at");--> statement-breakpoint
-- Hand-added (ADR 021): at commit, every posting touched in the transaction has at least two
-- entries and they sum to zero per currency; otherwise the whole transaction is refused.
CREATE FUNCTION "ledger_posting_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  "p_id" uuid;
  "n" integer;
  "bad_currency" text;
BEGIN
  IF TG_TABLE_NAME = 'ledger_postings' THEN
    "p_id" := NEW."id";
  ELSE
    "p_id" := NEW."posting_id";
  END IF;
  SELECT count(*) INTO "n" FROM "ledger_entries" WHERE "posting_id" = "p_id";
  IF "n" < 2 THEN
    RAISE EXCEPTION 'ledger posting % has % entries (at least 2 needed)', "p_id", "n"
      USING ERRCODE = '23514';
  END IF;
  SELECT "currency" INTO "bad_currency" FROM "ledger_entries" WHERE "posting_id" = "p_id"
    GROUP BY "currency" HAVING sum("amount") <> 0 LIMIT 1;
  IF "bad_currency" IS NOT NULL THEN
    RAISE EXCEPTION 'ledger posting % does not sum to zero in %', "p_id", "bad_currency"
      USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "ledger_postings_balanced" AFTER INSERT ON "ledger_postings"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "ledger_posting_balanced"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "ledger_entries_balanced" AFTER INSERT ON "ledger_entries"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "ledger_posting_balanced"();
--> statement-breakpoint
-- Entries and postings are never changed or removed: a mistake is corrected by another posting.
CREATE FUNCTION "ledger_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '23514';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "ledger_entries_immutable" BEFORE UPDATE OR DELETE ON "ledger_entries"
  FOR EACH ROW EXECUTE FUNCTION "ledger_immutable"();
--> statement-breakpoint
CREATE TRIGGER "ledger_postings_immutable" BEFORE UPDATE OR DELETE ON "ledger_postings"
  FOR EACH ROW EXECUTE FUNCTION "ledger_immutable"();
