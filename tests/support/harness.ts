/**
 * An in-process API against the real stack: the Temporal dev server and PostgreSQL started by the
 * global setup, a worker on a task queue of its own, and createApp listening on a free port.
 * Each test file starts one harness; each test creates its own school, students and employers
 * with unique ids, so no test depends on another's data or order.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { inject } from 'vitest';
import { createApp } from '../../api/app';
import type { RateLimitSettings } from '../../api/auth/rate-limits';
import type { DeadlinePolicy } from '../../domain/deadline-policy';
import { type Database, connectDatabase } from '../../db/client';
import { createAccount, upsertEmployer, upsertStudent } from '../../db/master-data';
import { schools } from '../../db/schema';
import { completeCreditCode } from '../../domain/uscc';
import { type Logger, createLogger } from '../../observability/logger';
import { clientInterceptors } from '../../observability/temporal-client-interceptor';
import { codecCorsOriginsOf } from '../../config';
import { createDataConverter } from '../../temporal/data-converter';
import { AesGcmPayloadCodec, generatePayloadKey } from '../../temporal/payload-codec';
import { type RunningWorker, startWorker } from '../../worker';
import { quietTemporalLogs } from './temporal-logs';

export interface Harness {
  baseUrl: string;
  database: Database;
  client: Client;
  taskQueue: string;
  /** The payload codec of the worker, the client and /codec (a random key per harness). */
  payloadCodec: AesGcmPayloadCodec;
  /**
   * Another API process over the same worker, database and token key, e.g. one restarted with a
   * different configuration. Closed with the harness.
   */
  startApi(options?: ApiOptions): Promise<string>;
  close(): Promise<void>;
}

/** What may differ between the API processes of one harness. */
export interface ApiOptions {
  deadlinePolicy?: DeadlinePolicy;
  /** A built portal to serve (AppDeps.webRoot; default: none). */
  webRoot?: string;
  /** Port to listen on (default: any free one), e.g. one a Temporal UI was told to call /codec on. */
  port?: number;
}

export interface HarnessOptions {
  /** SMTP server the worker sends notification e-mails through (default: none, e-mails skipped). */
  smtpUrl?: string;
  /** Deadline policy of the API's new signings (default: 3/3/1/14 days, docs/design.md §3). */
  deadlinePolicy?: DeadlinePolicy;
  /** The API's logger (default: its warnings and errors, as JSON lines on stdout). */
  logger?: Logger;
  /**
   * The API's rate limits (login, registration, failed codec credentials; default: production's).
   * Suites sending many requests from one address raise them so a limit does not answer for the route.
   */
  rateLimits?: { login?: RateLimitSettings; registration?: RateLimitSettings; codecAuth?: RateLimitSettings };
  /** How long a browser session lasts (default: production's). */
  sessionTtl?: string;
  /** Another Temporal frontend than the run's shared one, e.g. a dev server with its Web UI. */
  temporalAddress?: string;
  /** Browser origins /codec admits (default: CODEC_UI_ORIGINS). */
  codecUiOrigins?: string[];
}

/** The browser origins /codec admits: the development defaults (the dev server's UI on :8233). */
export const CODEC_UI_ORIGINS = codecCorsOriginsOf({ NODE_ENV: 'test', TEMPORAL_UI_PORT: 8233, TEMPORAL_UI_ORIGIN: undefined });

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  quietTemporalLogs();
  const temporalAddress = options.temporalAddress ?? inject('temporalAddress');
  const databaseUrl = inject('databaseUrl');
  const taskQueue = `test-${randomUUID()}`;
  // A fresh random key per harness, as each deployment has its own: the test server's histories hold
  // ciphertext, as production's do, and /codec decodes them.
  const payloadKey = generatePayloadKey('test');
  const payloadCodec = new AesGcmPayloadCodec({ encodingKeyId: payloadKey.id, keys: new Map([[payloadKey.id, payloadKey.key]]) });
  const worker: RunningWorker = await startWorker({
    TEMPORAL_ADDRESS: temporalAddress,
    DATABASE_URL: databaseUrl,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: taskQueue,
    SMTP_URL: options.smtpUrl,
    PAYLOAD_KEYS: [payloadKey],
  });
  const database = connectDatabase(databaseUrl);
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection, namespace: 'default', interceptors: clientInterceptors(), dataConverter: createDataConverter(payloadCodec) });
  const jwtSecret = randomUUID() + randomUUID();
  const servers: Server[] = [];
  const startApi = async (apiOptions: ApiOptions = {}): Promise<string> => {
    const app = createApp({
      database,
      temporal: client,
      connection,
      taskQueue,
      jwtSecret,
      emailEnabled: options.smtpUrl !== undefined,
      codec: {
        codec: payloadCodec,
        uiOrigins: options.codecUiOrigins ?? CODEC_UI_ORIGINS,
        namespace: 'default',
        ...(options.rateLimits?.codecAuth ? { rateLimit: options.rateLimits.codecAuth } : {}),
      },
      ...(options.rateLimits?.login ? { loginRateLimit: options.rateLimits.login } : {}),
      ...(options.rateLimits?.registration ? { registrationRateLimit: options.rateLimits.registration } : {}),
      ...(apiOptions.deadlinePolicy ? { deadlinePolicy: apiOptions.deadlinePolicy } : {}),
      ...(apiOptions.webRoot !== undefined ? { webRoot: apiOptions.webRoot } : {}),
      logger: options.logger ?? createLogger({ level: 'warn', name: 'api' }),
      ...(options.sessionTtl ? { sessionTtl: options.sessionTtl } : {}),
    });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(apiOptions.port ?? 0, '127.0.0.1', () => resolve(s));
    });
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const baseUrl = await startApi({ ...(options.deadlinePolicy ? { deadlinePolicy: options.deadlinePolicy } : {}) });
  return {
    baseUrl,
    database,
    client,
    taskQueue,
    payloadCodec,
    startApi,
    async close() {
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
      await worker.shutdown();
      await connection.close();
      await database.close();
    },
  };
}

let counter = 0;
function uniqueDigits(length: number): string {
  counter += 1;
  const seed = `${Date.now()}${process.pid}${counter}${Math.floor(Math.random() * 1e6)}`;
  return seed.slice(-length).padStart(length, '7');
}

/**
 * A valid, unique 统一社会信用代码: 9 unique digits, the first in the region part (any 6 digits are
 * accepted), 8 as the organisation code's body (its GB 11714 check character appended).
 */
export function uniqueCreditCode(): string {
  const digits = uniqueDigits(9);
  return completeCreditCode(`9131000${digits.slice(0, 1)}${digits.slice(1)}`);
}

/**
 * A new school with a five-digit code (like 教育部's) that no other world holds. Four random digits
 * alone collide within one suite run (a birthday bound of ~120 worlds per prefix), and two worlds
 * sharing a school would see each other's notifications and desks, so the insert claims the code
 * and a taken one is drawn again.
 */
async function claimSchool(db: Database['db'], prefix: string, name: string): Promise<string> {
  for (let attempt = 0; attempt < 1000; attempt += 1) {
    const code = `${prefix}${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
    const claimed = await db.insert(schools).values({ code, name }).onConflictDoNothing().returning({ code: schools.code });
    if (claimed.length > 0) return code;
  }
  throw new Error(`no free school code left under prefix ${prefix}`);
}

export const TEST_PASSWORD = 'Test-password-1';

export interface World {
  schoolCode: string;
  student: { username: string; studentId: string; examineeNo: string };
  otherStudent: { username: string; studentId: string };
  employer: { username: string; creditCode: string };
  otherEmployer: { username: string; creditCode: string };
  school: { username: string };
  otherSchool: { username: string; schoolCode: string };
}

/** One school with its admin and two students, two employers, and a second school with its admin. */
export async function createWorld(database: Database): Promise<World> {
  const { db } = database;
  const tag = randomUUID().slice(0, 8);
  const schoolCode = await claimSchool(db, '9', `测试大学${tag}`);
  const otherSchoolCode = await claimSchool(db, '8', `另一所大学${tag}`);
  const examineeNo = uniqueDigits(14);
  const studentId = await upsertStudent(db, { schoolCode, examineeNo, name: '于同学' });
  const otherStudentId = await upsertStudent(db, { schoolCode, examineeNo: uniqueDigits(14), name: '李同学' });
  const creditCode = uniqueCreditCode();
  const otherCreditCode = uniqueCreditCode();
  await upsertEmployer(db, { creditCode, name: 'tiger7' });
  await upsertEmployer(db, { creditCode: otherCreditCode, name: '另一家单位' });
  const account = (name: string) => ({ username: `${name}-${tag}`, password: TEST_PASSWORD, displayName: name });
  await createAccount(db, account('student'), { role: 'student', studentId });
  await createAccount(db, account('student2'), { role: 'student', studentId: otherStudentId });
  await createAccount(db, account('employer'), { role: 'employer', employerCreditCode: creditCode });
  await createAccount(db, account('employer2'), { role: 'employer', employerCreditCode: otherCreditCode });
  await createAccount(db, account('school'), { role: 'school', schoolCode });
  await createAccount(db, account('school2'), { role: 'school', schoolCode: otherSchoolCode });
  return {
    schoolCode,
    student: { username: `student-${tag}`, studentId, examineeNo },
    otherStudent: { username: `student2-${tag}`, studentId: otherStudentId },
    employer: { username: `employer-${tag}`, creditCode },
    otherEmployer: { username: `employer2-${tag}`, creditCode: otherCreditCode },
    school: { username: `school-${tag}` },
    otherSchool: { username: `school2-${tag}`, schoolCode: otherSchoolCode },
  };
}
