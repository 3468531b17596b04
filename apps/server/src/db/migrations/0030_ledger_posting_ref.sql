ALTER TABLE "ledger_postings" ADD COLUMN "ref" text;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_ref_unique" UNIQUE("ref");