CREATE INDEX "card_accounts_user_idx" ON "card_accounts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "grants_user_idx" ON "grants" USING btree ("user_id");