CREATE TABLE "agreement_serials" (
	"school_code" text NOT NULL,
	"cohort" integer NOT NULL,
	"last_serial" integer NOT NULL,
	CONSTRAINT "agreement_serials_school_code_cohort_pk" PRIMARY KEY("school_code","cohort")
);
--> statement-breakpoint
ALTER TABLE "agreement_serials" ADD CONSTRAINT "agreement_serials_school_code_schools_code_fk" FOREIGN KEY ("school_code") REFERENCES "public"."schools"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signings" ADD COLUMN "agreement_no" text;--> statement-breakpoint
-- Signings made before this migration get numbers in the order they were submitted, per school and
-- cohort (domain/agreement-no.ts: Beijing calendar, September on counts toward next year's cohort).
WITH "cohorts" AS (
	SELECT "id", "school_code", "created_at",
		(extract(year FROM ("created_at" AT TIME ZONE 'UTC') + interval '8 hours')
			+ CASE WHEN extract(month FROM ("created_at" AT TIME ZONE 'UTC') + interval '8 hours') >= 9 THEN 1 ELSE 0 END)::integer AS "cohort"
	FROM "signings"
), "numbered" AS (
	SELECT "id", "school_code", "cohort",
		row_number() OVER (PARTITION BY "school_code", "cohort" ORDER BY "created_at", "id")::integer AS "serial"
	FROM "cohorts"
)
UPDATE "signings" SET "agreement_no" = "numbered"."cohort"::text || '-' || "numbered"."school_code" || '-' ||
	CASE WHEN "numbered"."serial" < 1000000 THEN lpad("numbered"."serial"::text, 6, '0') ELSE "numbered"."serial"::text END
FROM "numbered" WHERE "signings"."id" = "numbered"."id";--> statement-breakpoint
INSERT INTO "agreement_serials" ("school_code", "cohort", "last_serial")
	SELECT "school_code", split_part("agreement_no", '-', 1)::integer, max(split_part("agreement_no", '-', 3)::integer)
	FROM "signings" GROUP BY 1, 2;--> statement-breakpoint
ALTER TABLE "signings" ALTER COLUMN "agreement_no" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "signings" ADD CONSTRAINT "signings_agreement_no_unique" UNIQUE("agreement_no");
