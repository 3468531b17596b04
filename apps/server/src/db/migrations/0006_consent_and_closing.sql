-- A member may close an account in a cooperative and later open a new one there: one OPEN account
-- per (user, cooperative). Usernames stay unique over all rows, closed ones included (never reused).
ALTER TABLE "card_accounts" DROP CONSTRAINT "card_accounts_user_coop";--> statement-breakpoint
ALTER TABLE "card_accounts" ADD COLUMN "closed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "legal_name" text;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "consent_purpose" text;--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "fields" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "card_accounts_user_coop_open" ON "card_accounts" USING btree ("user_id","coopname") WHERE "card_accounts"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "card_accounts_closed_idx" ON "card_accounts" USING btree ("coopname","closed_at","username") WHERE "card_accounts"."closed_at" is not null;