DROP INDEX "audit_events_at_idx";--> statement-breakpoint
-- Every cooperative read updates its grant's read counter: room on each page lets PostgreSQL
-- write the new row version beside the old one without touching the indexes (HOT update).
ALTER TABLE "grants" SET (fillfactor = 70);
