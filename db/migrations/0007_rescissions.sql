CREATE TABLE "rescission_letters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"signing_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rescission_letters_size_ck" CHECK ("rescission_letters"."size" = octet_length("rescission_letters"."data") and "rescission_letters"."size" between 1 and 5242880),
	CONSTRAINT "rescission_letters_type_ck" CHECK ("rescission_letters"."content_type" in ('application/pdf','image/png','image/jpeg'))
);
--> statement-breakpoint
CREATE TABLE "rescissions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"signing_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"school_code" text NOT NULL,
	"employer_credit_code" text NOT NULL,
	"status" text NOT NULL,
	"seq" integer NOT NULL,
	"requested_by_role" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"reason" text NOT NULL,
	"letter_id" uuid,
	"decision_reason" text,
	"decided_by" uuid,
	"deadline_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "rescissions_workflow_id_unique" UNIQUE("workflow_id")
);
--> statement-breakpoint
ALTER TABLE "employment_plans" DROP CONSTRAINT "employment_plans_signing_id_unique";--> statement-breakpoint
-- The plan is keyed by its signing now (a student keeps withdrawn plans); the one current plan per student is the partial unique index below.
ALTER TABLE "employment_plans" DROP CONSTRAINT "employment_plans_pkey";--> statement-breakpoint
ALTER TABLE "employment_plans" ADD PRIMARY KEY ("signing_id");--> statement-breakpoint
ALTER TABLE "employment_plans" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "employment_plans" ADD COLUMN "rescission_id" uuid;--> statement-breakpoint
ALTER TABLE "employment_plans" ADD COLUMN "withdrawn_by" uuid;--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "rescission_limit" integer;--> statement-breakpoint
ALTER TABLE "signing_events" ADD COLUMN "rescission_id" uuid;--> statement-breakpoint
ALTER TABLE "signing_events" ADD COLUMN "rescission_seq" integer;--> statement-breakpoint
ALTER TABLE "signings" ADD COLUMN "rescission_id" uuid;--> statement-breakpoint
ALTER TABLE "rescission_letters" ADD CONSTRAINT "rescission_letters_signing_id_signings_id_fk" FOREIGN KEY ("signing_id") REFERENCES "public"."signings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rescissions" ADD CONSTRAINT "rescissions_signing_id_signings_id_fk" FOREIGN KEY ("signing_id") REFERENCES "public"."signings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rescissions" ADD CONSTRAINT "rescissions_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rescissions" ADD CONSTRAINT "rescissions_letter_id_rescission_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."rescission_letters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rescissions_one_open_per_signing_uq" ON "rescissions" USING btree ("signing_id") WHERE "rescissions"."status" in ('PENDING_COUNTERPARTY','PENDING_SCHOOL');--> statement-breakpoint
CREATE INDEX "rescissions_school_list_idx" ON "rescissions" USING btree ("school_code","status","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "rescissions_student_idx" ON "rescissions" USING btree ("student_id","status");--> statement-breakpoint
CREATE INDEX "rescissions_signing_idx" ON "rescissions" USING btree ("signing_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "employment_plans_current_per_student_uq" ON "employment_plans" USING btree ("student_id") WHERE "employment_plans"."withdrawn_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "signing_events_rescission_step_uq" ON "signing_events" USING btree ("rescission_id","rescission_seq") WHERE "signing_events"."rescission_id" is not null;--> statement-breakpoint
ALTER TABLE "employment_plans" ADD CONSTRAINT "employment_plans_withdrawal_ck" CHECK (("employment_plans"."withdrawn_at" is null) = ("employment_plans"."rescission_id" is null) and ("employment_plans"."withdrawn_at" is null) = ("employment_plans"."withdrawn_by" is null));