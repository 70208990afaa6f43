CREATE TABLE "agreement_drafts" (
	"signing_id" uuid PRIMARY KEY NOT NULL,
	"unit_nature" text,
	"contact" jsonb,
	"agreement" jsonb NOT NULL,
	"archive" jsonb,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_credit_code" text NOT NULL,
	"name" text NOT NULL,
	"unit_nature" text,
	"contact" jsonb,
	"agreement" jsonb NOT NULL,
	"archive" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "students" ADD COLUMN "major" text;--> statement-breakpoint
ALTER TABLE "students" ADD COLUMN "education_level" text;--> statement-breakpoint
ALTER TABLE "agreement_drafts" ADD CONSTRAINT "agreement_drafts_signing_id_signings_id_fk" FOREIGN KEY ("signing_id") REFERENCES "public"."signings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_templates_name_uq" ON "agreement_templates" USING btree ("employer_credit_code","name");