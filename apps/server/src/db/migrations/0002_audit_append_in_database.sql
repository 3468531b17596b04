ALTER TABLE "audit_events" ADD COLUMN "hash_version" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Appends an event to a subject's hash chain in one statement (audit.service.ts documents the
-- hash). A concurrent append that takes the same sequence number first makes the insert do
-- nothing; the head is then read again (a volatile function sees newly committed rows).
CREATE FUNCTION "audit_append"(
  "p_subject" uuid,
  "p_type" text,
  "p_at" timestamp with time zone,
  "p_data" jsonb,
  "p_ip_sealed" text,
  "p_digest" text
) RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  "head_seq" integer;
  "head_hash" text;
  "next_seq" integer;
  "new_id" bigint;
BEGIN
  FOR "attempt" IN 1..50 LOOP
    "head_seq" := NULL;
    "head_hash" := NULL;
    SELECT "seq", "hash" INTO "head_seq", "head_hash" FROM "audit_events"
      WHERE "subject_id" = "p_subject" ORDER BY "seq" DESC LIMIT 1;
    "next_seq" := coalesce("head_seq", 0) + 1;
    "head_hash" := coalesce("head_hash", repeat('0', 64));
    INSERT INTO "audit_events"
      ("subject_id", "seq", "type", "at", "ip_sealed", "data", "prev_hash", "hash", "hash_version")
    VALUES (
      "p_subject", "next_seq", "p_type", "p_at", "p_ip_sealed", "p_data", "head_hash",
      encode(sha256(convert_to(
        "head_hash" || ':' || "p_subject"::text || ':' || "next_seq"::text || ':' || "p_digest",
        'UTF8')), 'hex'),
      2)
    ON CONFLICT ("subject_id", "seq") DO NOTHING
    RETURNING "id" INTO "new_id";
    IF "new_id" IS NOT NULL THEN
      RETURN "new_id";
    END IF;
  END LOOP;
  RAISE EXCEPTION 'audit chain of % stayed contended', "p_subject";
END
$$;
