CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"display_name" text NOT NULL,
	"email" text,
	"student_id" uuid,
	"employer_credit_code" text,
	"school_code" text,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_username_unique" UNIQUE("username"),
	CONSTRAINT "accounts_role_party_ck" CHECK (("accounts"."role" = 'student' and "accounts"."student_id" is not null)
        or ("accounts"."role" = 'employer' and "accounts"."employer_credit_code" is not null)
        or ("accounts"."role" = 'school' and "accounts"."school_code" is not null))
);
--> statement-breakpoint
CREATE TABLE "agreement_versions" (
	"signing_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"hash" text NOT NULL,
	"unit_nature" text NOT NULL,
	"contact" jsonb NOT NULL,
	"agreement" jsonb NOT NULL,
	"archive" jsonb,
	"sent_by" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "agreement_versions_signing_id_version_pk" PRIMARY KEY("signing_id","version")
);
--> statement-breakpoint
CREATE TABLE "employers" (
	"credit_code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"unit_nature" text,
	"region_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "employment_plans" (
	"student_id" uuid PRIMARY KEY NOT NULL,
	"signing_id" uuid NOT NULL,
	"school_code" text NOT NULL,
	"graduation_destination" text NOT NULL,
	"info_registration_no" text,
	"credit_code" text NOT NULL,
	"employer_name" text NOT NULL,
	"region_code" text NOT NULL,
	"job_category_code" text NOT NULL,
	"origin_authority" text,
	"industry_code" text NOT NULL,
	"unit_nature" text NOT NULL,
	"contact_address" text NOT NULL,
	"contact_postcode" text NOT NULL,
	"contact_phone" text NOT NULL,
	"archive_unit_name" text,
	"archive_postcode" text,
	"archive_recipient" text,
	"archive_phone" text,
	"archive_address" text,
	"residence_permit_flag" text,
	"report_card_flag" text,
	"return_to_origin_flag" text,
	"report_card_no" text,
	"report_card_review_status" text,
	"agreement_version" integer NOT NULL,
	"agreement_hash" text NOT NULL,
	"confirmed_by" uuid NOT NULL,
	"synced_at" timestamp with time zone NOT NULL,
	CONSTRAINT "employment_plans_signing_id_unique" UNIQUE("signing_id")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"account_id" uuid NOT NULL,
	"key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"status_code" integer,
	"body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_account_id_key_pk" PRIMARY KEY("account_id","key")
);
--> statement-breakpoint
CREATE TABLE "schools" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signing_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"signing_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"actor_role" text NOT NULL,
	"actor_id" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text,
	"agreement_version" integer,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"student_id" uuid NOT NULL,
	"school_code" text NOT NULL,
	"employer_credit_code" text NOT NULL,
	"employer_name" text NOT NULL,
	"status" text NOT NULL,
	"seq" integer DEFAULT 0 NOT NULL,
	"application" jsonb NOT NULL,
	"unit_nature" text,
	"contact" jsonb,
	"archive" jsonb,
	"agreement_version" integer,
	"agreement_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "signings_workflow_id_unique" UNIQUE("workflow_id")
);
--> statement-breakpoint
CREATE TABLE "students" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_code" text NOT NULL,
	"examinee_no" text NOT NULL,
	"name" text NOT NULL,
	"origin_authority" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "students_examinee_no_unique" UNIQUE("examinee_no")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_employer_credit_code_employers_credit_code_fk" FOREIGN KEY ("employer_credit_code") REFERENCES "public"."employers"("credit_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_school_code_schools_code_fk" FOREIGN KEY ("school_code") REFERENCES "public"."schools"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD CONSTRAINT "agreement_versions_signing_id_signings_id_fk" FOREIGN KEY ("signing_id") REFERENCES "public"."signings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employment_plans" ADD CONSTRAINT "employment_plans_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employment_plans" ADD CONSTRAINT "employment_plans_signing_id_signings_id_fk" FOREIGN KEY ("signing_id") REFERENCES "public"."signings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_events" ADD CONSTRAINT "signing_events_signing_id_signings_id_fk" FOREIGN KEY ("signing_id") REFERENCES "public"."signings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signings" ADD CONSTRAINT "signings_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signings" ADD CONSTRAINT "signings_school_code_schools_code_fk" FOREIGN KEY ("school_code") REFERENCES "public"."schools"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "students" ADD CONSTRAINT "students_school_code_schools_code_fk" FOREIGN KEY ("school_code") REFERENCES "public"."schools"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "signing_events_seq_uq" ON "signing_events" USING btree ("signing_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "signings_one_active_per_student_uq" ON "signings" USING btree ("student_id") WHERE "signings"."status" in ('PENDING_EMPLOYER','PENDING_STUDENT','PENDING_SCHOOL','COMPLETED');--> statement-breakpoint
CREATE INDEX "signings_student_list_idx" ON "signings" USING btree ("student_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "signings_employer_list_idx" ON "signings" USING btree ("employer_credit_code","status","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "signings_school_list_idx" ON "signings" USING btree ("school_code","status","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "signings_employer_all_idx" ON "signings" USING btree ("employer_credit_code","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "signings_school_all_idx" ON "signings" USING btree ("school_code","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "students_school_idx" ON "students" USING btree ("school_code");