-- A deleted member's accounts in cooperatives stay, closed and without an owner: their usernames
-- are never reused and the cooperatives' closed-accounts list names them.
ALTER TABLE "card_accounts" DROP CONSTRAINT "card_accounts_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "card_accounts" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "card_accounts" ADD CONSTRAINT "card_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;