/**
 * The people of a fault run: two schools, three employers and one student per signing, each with
 * one account that has an e-mail address, plus a webhook receiver registered by every employer and
 * school. Accounts are inserted in bulk with one shared password hash and their bearer tokens are
 * minted with the API's key: hundreds of argon2 logins would cost more than the run itself.
 */
import { randomUUID } from 'node:crypto';
import { accounts, employers, schools, students } from '../../../db/schema';
import { hashPassword } from '../../../db/master-data';
import type { Database } from '../../../db/client';
import { createTokenService } from '../../../api/auth/authenticate';
import type { Actor } from '../../../domain/signing-machine';
import type { Party } from '../../../domain/status';
import { completeCreditCode } from '../../../domain/uscc';
import { ApiClient } from './api-client';
import { type WebhookReceiver, startWebhookReceiver } from '../webhook-receiver';

/**
 * A valid 统一社会信用代码 unique to this run: 9 random digits, the first in the region part (any 6
 * digits are accepted), 8 as the organisation code's body (its GB 11714 check character appended).
 */
function uniqueCreditCode(): string {
  const digits = String(Math.floor(Math.random() * 1e9)).padStart(9, '0');
  return completeCreditCode(`9131000${digits.slice(0, 1)}${digits.slice(1)}`);
}

export interface Person {
  accountId: string;
  role: Party;
  /** studentId, credit code or school code. */
  partyId: string;
  email: string;
  api: ApiClient;
  actor: Actor;
}

export interface Population {
  students: Person[];
  employers: Person[];
  schools: Person[];
  /** Webhook receiver of each employer and school, by party id. */
  receivers: Map<string, WebhookReceiver>;
  close(): Promise<void>;
}

export async function createPopulation(
  database: Database,
  options: { baseUrl: string; jwtSecret: string; students: number },
): Promise<Population> {
  const { db } = database;
  const tag = randomUUID().slice(0, 8);
  const tokens = createTokenService(options.jwtSecret, '12h');
  const passwordHash = await hashPassword('Fault-test-1');

  const schoolCodes = ['91001', '91002'];
  await db.insert(schools).values(schoolCodes.map((code, i) => ({ code, name: `故障测试大学${i + 1}` })));
  const creditCodes = [uniqueCreditCode(), uniqueCreditCode(), uniqueCreditCode()];
  await db.insert(employers).values(creditCodes.map((creditCode, i) => ({ creditCode, name: `故障测试单位${i + 1}` })));
  const studentRows = await db
    .insert(students)
    .values(
      Array.from({ length: options.students }, (_, i) => ({
        schoolCode: schoolCodes[i % schoolCodes.length]!,
        examineeNo: `31${String(i).padStart(12, '0')}`,
        name: `学生${i + 1}`,
      })),
    )
    .returning({ id: students.id });

  type Link = { role: 'student'; studentId: string } | { role: 'employer'; employerCreditCode: string } | { role: 'school'; schoolCode: string };
  const wanted: Array<{ username: string; partyId: string; link: Link }> = [
    ...studentRows.map((s, i) => ({ username: `stu${i}-${tag}`, partyId: s.id, link: { role: 'student' as const, studentId: s.id } })),
    ...creditCodes.map((c, i) => ({ username: `emp${i}-${tag}`, partyId: c, link: { role: 'employer' as const, employerCreditCode: c } })),
    ...schoolCodes.map((c, i) => ({ username: `sch${i}-${tag}`, partyId: c, link: { role: 'school' as const, schoolCode: c } })),
  ];
  const rows = await db
    .insert(accounts)
    .values(
      wanted.map((w) => ({
        username: w.username,
        passwordHash,
        displayName: w.username,
        email: `${w.username}@faults.test`,
        ...w.link,
      })),
    )
    .returning({ id: accounts.id, username: accounts.username });
  const byUsername = new Map(rows.map((r) => [r.username, r]));

  const people = await Promise.all(
    wanted.map(async (w): Promise<Person> => {
      const row = byUsername.get(w.username)!;
      const role = w.link.role;
      const token = await tokens.issue({ accountId: row.id, role, partyId: w.partyId, name: w.username });
      return {
        accountId: row.id,
        role,
        partyId: w.partyId,
        email: `${w.username}@faults.test`,
        api: new ApiClient(options.baseUrl, token),
        actor: { role, id: row.id, partyId: w.partyId },
      };
    }),
  );

  // One receiver per employer and school, registered before any signing exists so that every
  // event of every signing is delivered to it.
  const receivers = new Map<string, WebhookReceiver>();
  const endpointOwners = people.filter((p) => p.role !== 'student');
  try {
    for (const owner of endpointOwners) {
      const receiver = await startWebhookReceiver(`/hooks/${owner.role}`);
      receivers.set(owner.partyId, receiver);
      const res = await owner.api.post('/api/webhooks', { url: receiver.url, description: '故障测试' });
      if (res.status !== 201) throw new Error(`webhook registration failed: ${res.status} ${JSON.stringify(res.body)}`);
      receiver.secret = res.body.secret;
    }
  } catch (err) {
    await Promise.all([...receivers.values()].map((r) => r.close()));
    throw err;
  }

  return {
    students: people.filter((p) => p.role === 'student'),
    employers: people.filter((p) => p.role === 'employer'),
    schools: people.filter((p) => p.role === 'school'),
    receivers,
    close: async () => {
      await Promise.all([...receivers.values()].map((r) => r.close()));
    },
  };
}
