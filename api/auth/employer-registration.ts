/**
 * POST /api/employers/register (anyone): an employer registers itself with its 统一社会信用代码
 * and gets a login; it then sees and signs the signings whose students named that credit code.
 *
 * Body `{creditCode, name, username, password, email, contactPerson?, phone?}`. Checks: the credit
 * code (GB 32100 check character, the message names the expected one), the username (4–32
 * letters, digits, `_ . -`, starting with a letter: all-digit usernames are students' 考生号), the
 * password policy (domain/password-policy), the e-mail. Every problem is reported at once.
 * 409 CONFLICT when the credit code is already registered (an employer account exists for it) or
 * the username is taken. An employer already known as master data without a login may register:
 * its stored name is kept. Passwords are stored as argon2 hashes. `contactPerson` and `phone` are
 * checked but not stored yet: the employers table has no columns for them.
 *
 * Note: whoever registers a credit code first acts for it; there is no proof of ownership (e.g. a
 * business licence check) yet, so operators should watch registrations.
 */
import { hash } from '@node-rs/argon2';
import type { RequestHandler } from 'express';
import { defineRoute, routeGroup } from '../http/define-route';
import { TAGS, json } from '../http/route-spec';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { isUniqueViolation } from '../../db/unique-violation';
import { accounts, employers } from '../../db/schema';
import { passwordFieldSchema, passwordProblems, usernameSchema } from '../../domain/password-policy';
import { creditCodeSchema, emailSchema, formatIssues, optionalText, phoneSchema, requiredText } from '../../domain/schemas';
import { z } from '../../domain/zod';
import { AppError } from '../http/errors';

export const employerRegistrationSchema = z
  .object({
    creditCode: creditCodeSchema,
    name: requiredText('单位名称', 100),
    username: usernameSchema,
    password: passwordFieldSchema,
    email: emailSchema,
    contactPerson: optionalText('联系人', 50),
    phone: phoneSchema.optional(),
  })
  .strict();

export type EmployerRegistration = z.infer<typeof employerRegistrationSchema>;

/** All problems of a registration body at once: the fields, then the password policy. */
export function parseRegistration(body: unknown): EmployerRegistration {
  const result = employerRegistrationSchema.safeParse(body ?? undefined);
  const details = result.success ? [] : formatIssues(result.error);
  const raw = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof raw.password === 'string' && !details.some((d) => d.path === 'password')) {
    const username = typeof raw.username === 'string' ? raw.username : undefined;
    for (const message of passwordProblems(raw.password, username)) details.push({ path: 'password', message });
  }
  if (details.length || !result.success) throw new AppError('VALIDATION_FAILED', '请求数据校验未通过', details);
  return result.data;
}

export const employerRegistrationRoutes = routeGroup<{ db: Db; registrationLimiter: RequestHandler }>('employerRegistration', [
  defineRoute({
    operationId: 'employerRegister',
    method: 'post',
    path: '/api/employers/register',
    tag: TAGS.auth,
    summary: '用人单位自助注册',
    roles: 'anyone',
    schemas: { body: employerRegistrationSchema },
    success: [json(201, '注册成功')],
    errors: ['CONFLICT'],
    rateLimited: 'registration',
    handle: ({ db, registrationLimiter }) => [
      registrationLimiter,
      async (req, res) => {
        const input = parseRegistration(req.body);
        const passwordHash = await hash(input.password);
        const conflict = (message: string, field: string) => new AppError('CONFLICT', message, { field });
        try {
          const result = await db.transaction(async (tx) => {
            await tx.insert(employers).values({ creditCode: input.creditCode, name: input.name }).onConflictDoNothing();
            // Lock the employer so two registrations of one credit code are decided one after the other.
            const [employer] = await tx.select().from(employers).where(eq(employers.creditCode, input.creditCode)).for('update');
            if (!employer) throw new Error(`employer ${input.creditCode} vanished`);
            const [registered] = await tx
              .select({ id: accounts.id })
              .from(accounts)
              .where(eq(accounts.employerCreditCode, input.creditCode))
              .limit(1);
            if (registered) throw conflict('该统一社会信用代码的单位已注册，请直接登录或联系单位的账号管理人', 'creditCode');
            const [taken] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, input.username));
            if (taken) throw conflict('该用户名已被使用，请换一个', 'username');
            const [account] = await tx
              .insert(accounts)
              .values({
                username: input.username,
                passwordHash,
                role: 'employer',
                displayName: employer.name,
                email: input.email,
                employerCreditCode: input.creditCode,
              })
              .returning({ id: accounts.id });
            if (!account) throw new Error('account was not created');
            return { accountId: account.id, name: employer.name };
          });
          res.status(201).json({
            id: result.accountId,
            role: 'employer',
            username: input.username,
            email: input.email,
            employer: { creditCode: input.creditCode, name: result.name },
          });
        } catch (err) {
          // A username taken between the check and the insert.
          if (isUniqueViolation(err)) throw conflict('该用户名已被使用，请换一个', 'username');
          throw err;
        }
      },
    ],
  }),
]);
