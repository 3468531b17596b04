-- Quick entry (ADR 018): the page a member's "Open" leads to; null means the cooperative offers none.
ALTER TABLE "cooperatives" ADD COLUMN "entry_url" text;