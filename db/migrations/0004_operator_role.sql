ALTER TABLE "accounts" DROP CONSTRAINT "accounts_role_party_ck";--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_role_party_ck" CHECK (("accounts"."role" = 'student' and "accounts"."student_id" is not null)
        or ("accounts"."role" = 'employer' and "accounts"."employer_credit_code" is not null)
        or ("accounts"."role" = 'school' and "accounts"."school_code" is not null)
        or ("accounts"."role" = 'operator' and "accounts"."student_id" is null and "accounts"."employer_credit_code" is null and "accounts"."school_code" is null));