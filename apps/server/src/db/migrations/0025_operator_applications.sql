CREATE TABLE "operator_application_documents" (
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "operator_application_documents_application_id_kind_pk" PRIMARY KEY("application_id","kind")
);
--> statement-breakpoint
CREATE TABLE "operator_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"coopname" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"form" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"decision_reason" text,
	"created_by" uuid,
	"decided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "operator_application_documents" ADD CONSTRAINT "operator_application_documents_application_id_operator_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."operator_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_application_documents" ADD CONSTRAINT "operator_application_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_applications" ADD CONSTRAINT "operator_applications_coopname_cooperatives_coopname_fk" FOREIGN KEY ("coopname") REFERENCES "public"."cooperatives"("coopname") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_applications" ADD CONSTRAINT "operator_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_applications" ADD CONSTRAINT "operator_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "operator_applications_one_open" ON "operator_applications" USING btree ("coopname") WHERE "operator_applications"."status" <> 'rejected';--> statement-breakpoint
CREATE INDEX "operator_applications_queue_idx" ON "operator_applications" USING btree ("status","submitted_at");