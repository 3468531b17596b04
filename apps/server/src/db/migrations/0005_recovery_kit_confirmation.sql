ALTER TABLE "users" ADD COLUMN "recovery_kit_confirmed_at" timestamp with time zone;--> statement-breakpoint
-- Accounts made before confirmation was recorded confirmed their kit in the registration flow.
UPDATE "users" SET "recovery_kit_confirmed_at" = "created_at";
