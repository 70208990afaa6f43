/**
 * Schemathesis (an OpenAPI fuzzer nobody here wrote; pinned, installed from PyPI into .tools/ by
 * launcher/schemathesis.ts) against the in-process app on the real stack (Temporal dev server,
 * PostgreSQL, worker): it reads GET /openapi.json and sends what the document allows and what it
 * forbids, as each role in turn — anonymous, a student, an employer, a school, an operator — each
 * with its own Bearer token and a world (tests/support/route-world.ts) of signings in every status and 解约 stage,
 * a template, webhooks and notifications it owns. The test fails when Schemathesis reports a
 * failure, and prints each one with a curl that reproduces it.
 *
 * Phases: examples (none are written, so skipped), coverage (boundary and invalid values derived
 * from each schema), fuzzing (random schema-driven data) and stateful (chains of calls along the
 * document's links, api/openapi/links.ts: create or read a signing, then act on it). Bounded by
 * `--max-examples`, one worker, and a fixed `--seed`, so a run is reproducible (the same seed with
 * the same document sends the same requests, up to the ids the server mints); no check has a time
 * threshold (`--max-response-time` is not used; `--request-timeout` only stops a hung request).
 *
 * Real values: Schemathesis's dictionaries (a per-role schemathesis.toml) put the role's own ids
 * into path parameters and a few body fields half of the time, so the fuzzer reaches real signings
 * (and their workflow), templates, webhooks and notifications and not only 404s.
 *
 * Checks: every built-in check except those in EXCLUDED_CHECKS, each with its reason, and
 * per operation the few in OPERATION_EXCLUSIONS (each with its reason and the suite of ours that
 * covers it). Rules the server enforces that JSON Schema cannot state (region membership, minted
 * cursors, cross-field rules, the credit code's check character) are kept by hooks that keep the
 * positive cases inside the rule, checks left on (tests/contract/schemathesis_hooks.py, each rule
 * with its suite); one failure kind is dropped there, a 404 after an idempotent replay of a create
 * (documented). Never excluded, for anything: not_a_server_error, response_schema_conformance,
 * status_code_conformance, content_type_conformance, unsupported_method.
 *
 * Knobs (for investigating, not for CI): SCHEMATHESIS_ROLES=student,school (a subset),
 * SCHEMATHESIS_MAX_EXAMPLES, SCHEMATHESIS_SEED, SCHEMATHESIS_CONTINUE=1 (--continue-on-failure:
 * every failure of an operation, not only the first). Reports (NDJSON, and failures.json per role)
 * are kept under test-results/schemathesis/.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINKS } from '../../api/openapi/links';
import { ROUTES } from '../../api/routes';
import { regionCodes } from '../../domain/region';
import { SCHEMATHESIS_VERSION, type SchemathesisCommand, resolveSchemathesis } from '../../launcher/schemathesis';
import { type Harness, startHarness } from '../support/harness';
import type { ApiClient, ApiResponse } from '../support/http';
import { type RouteWorld, createRouteWorld } from '../support/route-world';

const ROLES = ['anonymous', 'student', 'employer', 'school', 'operator'] as const;
type Role = (typeof ROLES)[number];

const SELECTED_ROLES = (process.env.SCHEMATHESIS_ROLES?.split(',') ?? [...ROLES]) as Role[];
/** Test cases per operation and phase (the coverage phase derives its own, from each schema). */
const MAX_EXAMPLES = Number(process.env.SCHEMATHESIS_MAX_EXAMPLES ?? 30);
const SEED = Number(process.env.SCHEMATHESIS_SEED ?? 20261203);
const CONTINUE_ON_FAILURE = process.env.SCHEMATHESIS_CONTINUE === '1';
const PHASES = ['examples', 'coverage', 'fuzzing', 'stateful'];
/** A hung request (not a slow one) ends after this; Schemathesis reports it as an error. */
const REQUEST_TIMEOUT_SECONDS = 60;
/** A hung Schemathesis run is killed after this (the whole suite takes a few minutes). */
const RUN_LIMIT_MS = 10 * 60_000;

/**
 * The checks not run, and why. Every other built-in check runs (Schemathesis 4 runs them all by
 * default; `--checks all` is not passed because a check named on the command line, as `all` names
 * them, overrides a per-operation `enabled = false` in 4.32.5's config merge), among them
 * not_a_server_error, response_schema_conformance, status_code_conformance,
 * content_type_conformance, unsupported_method, allow_header_conformance, negative_data_rejection,
 * positive_data_acceptance, missing_required_header, response_headers_conformance, ignored_auth,
 * use_after_free and ensure_resource_availability.
 */
const EXCLUDED_CHECKS: Record<string, string> = {
  object_level_authorization:
    'needs several identities in one run (it replays one peer\'s GET as every other peer of a multi-user auth file); each run ' +
    'here is one role with one token, so the check could never fire. Cross-party access — every route, every role, own and ' +
    "another party's resource — is what tests/authz/matrix.test.ts asserts.",
};

/**
 * Checks switched off for a few operations only, each because what the check needs cannot be had
 * from a document, with the suite of ours that tests the same thing. Written into each role's
 * schemathesis.toml as `[[operations]] include-operation-id = […]` with
 * `checks.<check>.enabled = false`.
 */
const OPERATION_EXCLUSIONS: Array<{ operations: string[]; checks: string[]; reason: string; coveredBy: string }> = [
  {
    operations: ['changePassword'],
    checks: ['positive_data_acceptance'],
    reason:
      'POST /api/me/password is accepted only with the account\'s current password, a secret no schema can give a generator ' +
      '(a wrong one is 400 当前密码不正确 on currentPassword). Handing the run the real one would change the password of the ' +
      'very account the run is signed in as, in the middle of it. Every other check runs on it (a policy-breaking ' +
      'newPassword is still a negative case).',
    coveredBy: 'tests/api/accounts.test.ts (change with the right and a wrong current password, the policy), tests/unit/password-policy.test.ts',
  },
  {
    operations: ['student_import'],
    checks: ['positive_data_acceptance'],
    reason:
      'the body is a CSV file (text/csv): a header line naming 2–6 distinct known columns in any order, 考生号 and 姓名 among them, ' +
      'then rows with RFC 4180 quoting. That is a grammar over the whole text; the document can only say `type: string, ' +
      'minLength: 1` and the rule in words (its description does), so a generated string such as "00" is "valid" and refused ' +
      '400 表头不正确. Bad rows do not refuse the file (200 with errors). Every other check runs on it.',
    coveredBy: 'tests/unit/student-roster.test.ts (header, quoting, encoding, row limits, row errors), tests/api/accounts.test.ts (the import over HTTP)',
  },
];
for (const { checks } of OPERATION_EXCLUSIONS) {
  for (const check of checks) {
    const never = ['not_a_server_error', 'response_schema_conformance', 'status_code_conformance', 'content_type_conformance', 'unsupported_method'];
    if (never.includes(check)) throw new Error(`${check} is never excluded`);
  }
}

/** Checks every run must have run (read back from its NDJSON events): all but the excluded. */
const EXPECTED_CHECKS = [
  'not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance',
  'response_headers_conformance', 'positive_data_acceptance', 'negative_data_rejection', 'missing_required_header',
  'unsupported_method', 'allow_header_conformance', 'use_after_free', 'ensure_resource_availability', 'ignored_auth',
];

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REPORT_ROOT = path.join(REPO_ROOT, 'test-results', 'schemathesis');
/** The hooks that keep positive cases inside the rules JSON Schema cannot state (see the file). */
const HOOKS_FILE = path.join(REPO_ROOT, 'tests', 'contract', 'schemathesis_hooks.py');
/** What the hooks need to know of the server's data: the GB/T 2260 codes. */
const HOOKS_DATA_FILE = path.join(REPORT_ROOT, 'hooks-data.json');

let h: Harness;
let world: RouteWorld;
let st: SchemathesisCommand;
const summaries: string[] = [];

beforeAll(async () => {
  st = await resolveSchemathesis();
  // Schemathesis sends thousands of requests from one address, failed logins among them.
  const generous = { limit: 10_000_000, windowMs: 60_000 };
  h = await startHarness({ rateLimits: { login: generous, registration: generous, codecAuth: generous } });
  world = await createRouteWorld(h);
  await rm(REPORT_ROOT, { recursive: true, force: true });
  await mkdir(REPORT_ROOT, { recursive: true });
  await writeFile(HOOKS_DATA_FILE, JSON.stringify({ regionCodes: regionCodes() }));
}, 300_000);

afterAll(async () => {
  for (const line of summaries) console.log(line);
  await world?.close();
  await h?.close();
});

/** The caller of each role: the student is the one whose signing awaits them (it can confirm, return, cancel). */
function clientOf(role: Role): ApiClient | undefined {
  switch (role) {
    case 'anonymous':
      return undefined;
    case 'student':
      return world.signings.PENDING_STUDENT.student.client;
    case 'employer':
      return world.p.employer;
    case 'school':
      return world.p.school;
    case 'operator':
      return world.operator.client;
  }
}

// ── the per-role configuration: the role's own ids as Schemathesis dictionaries ─────────────────

interface Binding {
  operations: string[];
  key: string;
  dictionary: string;
}

const SIGNING_OPERATIONS = ROUTES.filter((r) => r.owns?.resource === 'signing').map((r) => r.operationId);
const opsOwning = (resource: string) => ROUTES.filter((r) => r.owns?.resource === resource).map((r) => r.operationId);

function dictionariesOf(role: Role): Record<string, string[]> {
  // Every status, and each 解约 stage on a completed signing, so 解约's routes meet real requests.
  const signings = [...Object.values(world.signings), ...Object.values(world.rescissions)];
  const own = role === 'student' ? [world.signings.PENDING_STUDENT] : role === 'employer' || role === 'school' ? signings : [];
  const party = role === 'employer' || role === 'school' || role === 'student' ? role : undefined;
  return {
    signings: own.map((s) => s.id),
    // The school's batch approval names requests, not signings.
    rescissions: role === 'school' ? Object.values(world.rescissions).flatMap((s) => (s.rescissionId ? [s.rescissionId] : [])) : [],
    hashes: own.flatMap((s) => (s.hash ? [s.hash] : [])),
    templates: role === 'employer' ? [world.templateId] : [],
    webhooks: role === 'employer' || role === 'school' ? [world.webhooks[role]] : [],
    notifications: party ? [world.notifications[party]] : [],
    students: role === 'school' ? [world.signings.PENDING_SCHOOL.student.examineeNo] : [],
    creditCodes: [world.p.world.employer.creditCode],
  };
}

const BINDINGS: Binding[] = [
  { operations: SIGNING_OPERATIONS, key: 'path.id', dictionary: 'signings' },
  { operations: ['signing_studentConfirm'], key: 'body.agreementHash', dictionary: 'hashes' },
  { operations: ['signing_batchSchoolConfirm', 'signing_batchSchoolReturn'], key: 'body.ids[*]', dictionary: 'signings' },
  { operations: ['desk_schoolRescissionsApprove'], key: 'body.ids[*]', dictionary: 'rescissions' },
  { operations: opsOwning('template'), key: 'path.id', dictionary: 'templates' },
  { operations: ['draft_fromTemplate'], key: 'body.templateId', dictionary: 'templates' },
  { operations: opsOwning('webhook'), key: 'path.id', dictionary: 'webhooks' },
  { operations: opsOwning('notification'), key: 'path.id', dictionary: 'notifications' },
  { operations: opsOwning('student'), key: 'path.examineeNo', dictionary: 'students' },
  { operations: ['signing_create'], key: 'body.employer.creditCode', dictionary: 'creditCodes' },
];

const toml = (value: unknown) => JSON.stringify(value); // JSON strings, numbers and arrays are TOML too

function configOf(role: Role): string {
  const dictionaries = dictionariesOf(role);
  const lines = [
    '# Generated by tests/contract/schemathesis.test.ts for one run.',
    `hooks = ${toml(HOOKS_FILE)}`,
    '',
    // The run's identity is the role's token (or none): Schemathesis must not register an
    // employer through POST /api/employers/register and sign in as it on its own.
    '[auth]',
    'auto-signup = false',
    '',
  ];
  for (const [name, values] of Object.entries(dictionaries)) {
    if (values.length) lines.push(`[dictionaries.${name}]`, `values = ${toml(values)}`, '');
  }
  // One [[operations]] entry per operation: Schemathesis merges the entries an operation matches
  // option by option, the first that sets `parameters` winning, so two bindings of one operation
  // in two entries would lose one.
  const perOperation = new Map<string, { parameters: string[]; checks: string[] }>();
  const entryOf = (op: string) => perOperation.get(op) ?? perOperation.set(op, { parameters: [], checks: [] }).get(op)!;
  for (const b of BINDINGS) {
    if (!dictionaries[b.dictionary]?.length) continue;
    for (const op of b.operations) entryOf(op).parameters.push(`${toml(b.key)} = { dictionary = ${toml(b.dictionary)}, probability = 0.5 }`);
  }
  for (const exclusion of OPERATION_EXCLUSIONS) {
    for (const op of exclusion.operations) entryOf(op).checks.push(...exclusion.checks);
  }
  for (const [op, { parameters, checks }] of perOperation) {
    lines.push('[[operations]]', `include-operation-id = ${toml(op)}`);
    if (parameters.length) lines.push(`parameters = { ${parameters.join(', ')} }`);
    for (const check of checks) lines.push(`checks.${check}.enabled = false`);
    lines.push('');
  }
  return lines.join('\n');
}

// ── running Schemathesis ────────────────────────────────────────────────────────────────────────

function commandLine(role: Role, dir: string, token: string | undefined): string[] {
  return [
    '--config-file', path.join(dir, 'schemathesis.toml'),
    'run', `${h.baseUrl}/openapi.json`,
    '--url', h.baseUrl,
    '--exclude-checks', Object.keys(EXCLUDED_CHECKS).join(','),
    '--phases', PHASES.join(','),
    '--max-examples', String(MAX_EXAMPLES),
    '--seed', String(SEED),
    '--workers', '1',
    // The role's token on every request; no generated Authorization or session cookie in its place
    // (ignored_auth sends the requests without and with a broken one itself).
    '--generation-with-security-parameters', 'false',
    // No example database carried between runs: a run depends on the seed alone.
    '--generation-database', 'none',
    '--request-timeout', String(REQUEST_TIMEOUT_SECONDS),
    // Keep Idempotency-Key and the like in the report; the token is replaced below.
    '--output-sanitize', 'false',
    ...(CONTINUE_ON_FAILURE ? ['--continue-on-failure'] : []),
    '--report', 'ndjson',
    '--report-ndjson-path', path.join(dir, 'events.ndjson'),
    '--no-color',
    ...(token ? ['-H', `Authorization: Bearer ${token}`] : []),
  ];
}

function runSchemathesis(args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // No __pycache__ beside the hooks file in the work tree.
    const env = { ...process.env, ...st.env, NO_COLOR: '1', PYTHONDONTWRITEBYTECODE: '1', WQ_SCHEMATHESIS_DATA: HOOKS_DATA_FILE };
    const child = spawn(st.command, [...st.args, ...args], { cwd, env });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

// ── reading its report ──────────────────────────────────────────────────────────────────────────

interface Finding {
  role: Role;
  check: string;
  code: string;
  title: string;
  message: string;
  operation: string;
  status: number | null;
  response: string;
  curl: string;
}

const shellQuote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
const decode = (b: { $base64?: string } | string | null | undefined) =>
  b == null ? '' : typeof b === 'string' ? b : b.$base64 ? Buffer.from(b.$base64, 'base64').toString('utf8') : '';

function curlOf(
  request: { method: string; uri: string; headers?: Record<string, string[]>; body?: { $base64?: string } | string | null },
  token: string | undefined,
  role: Role,
): string {
  const parts = ['curl', '-X', request.method];
  for (const [name, values] of Object.entries(request.headers ?? {})) {
    for (const value of values) {
      const shown = token ? value.replaceAll(token, `$TOKEN_${role.toUpperCase()}`) : value;
      parts.push('-H', name.toLowerCase() === 'authorization' && token ? `"${name}: ${shown}"` : shellQuote(`${name}: ${shown}`));
    }
  }
  const body = decode(request.body);
  if (body) parts.push('--data-binary', shellQuote(body));
  parts.push(shellQuote(request.uri));
  return parts.join(' ');
}

/**
 * Every failed check in the NDJSON events, one per (check, operation, title), with the first request
 * of each; and the names of the checks that ran at all.
 */
async function findingsOf(file: string, role: Role, token: string | undefined): Promise<{ findings: Finding[]; ran: Set<string> }> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const found = new Map<string, Finding>();
  const ran = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('{"ScenarioFinished"')) continue;
    const recorder = JSON.parse(line).ScenarioFinished.recorder as {
      label: string;
      checks?: Record<string, Array<{ name: string; status: string; failure_info?: { failure: { code: string; title: string; message: string; operation: string } } }>>;
      interactions?: Record<string, { request: Parameters<typeof curlOf>[0]; response?: { status_code: number; content?: { $base64?: string } } | null }>;
    };
    for (const [caseId, checks] of Object.entries(recorder.checks ?? {})) {
      for (const check of checks) {
        ran.add(check.name);
        if (check.status !== 'failure' || !check.failure_info) continue;
        const f = check.failure_info.failure;
        const key = `${check.name}|${f.operation || recorder.label}|${f.title}`;
        if (found.has(key)) continue;
        const interaction = recorder.interactions?.[caseId];
        const response = decode(interaction?.response?.content);
        found.set(key, {
          role,
          check: check.name,
          code: f.code,
          title: f.title,
          message: f.message,
          operation: f.operation || recorder.label,
          status: interaction?.response?.status_code ?? null,
          response: response.length > 400 ? `${response.slice(0, 400)}…` : response,
          curl: interaction ? curlOf(interaction.request, token, role) : '(no request recorded)',
        });
      }
    }
  }
  return { findings: [...found.values()], ran };
}

/**
 * "Test cases: 2922 generated, 20 found 20 unique failures, 57 skipped" and "Filtered: 2 (dropped by
 * `filter_failure`)" → numbers.
 */
function countsOf(output: string): { cases: number; failures: number; filtered: number } {
  const line = /Test cases:\s*\n?\s*(\d+) generated(?:, (\d+) found (\d+) unique failures?)?/.exec(output);
  const filtered = /Filtered: (\d+) \(dropped by/.exec(output);
  return { cases: Number(line?.[1] ?? NaN), failures: Number(line?.[3] ?? 0), filtered: Number(filtered?.[1] ?? 0) };
}

function describeFindings(findings: Finding[]): string {
  return findings
    .map((f, i) => `${i + 1}. [${f.check}] ${f.operation}: ${f.title} (answered ${f.status})\n   ${f.message.split('\n').join('\n   ')}\n   ${f.response}\n   ${f.curl}`)
    .join('\n');
}

// ── the tests ───────────────────────────────────────────────────────────────────────────────────

describe(`Schemathesis ${SCHEMATHESIS_VERSION} against the document, as each role`, () => {
  it('every link resolves on a real answer (pointers the document cannot check, tests/unit/openapi-links.test.ts)', async () => {
    const { employer, school } = world.p;
    const signing = world.signings.PENDING_SCHOOL;
    const suffix = Date.now().toString(36);
    const sources: Record<string, () => Promise<ApiResponse>> = {
      signing_create: async () => (await world.freshStudent()).client.post('/api/signings', {
        graduationDestination: '01', employed: true, regionCode: '310104', industryCode: '65',
        employer: { creditCode: world.p.world.employer.creditCode, name: 'tiger7', infoRegistrationNo: '2100000' },
      }),
      signing_get: () => employer.get(`/api/signings/${signing.id}`),
      signing_list: () => employer.get('/api/signings'),
      desk_school: () => school.get('/api/school/signings'),
      desk_employer: () => employer.get('/api/employer/signings'),
      template_create: () => employer.post('/api/employer/templates', { name: `链接模板${suffix}`, unitNature: '39' }),
      template_list: () => employer.get('/api/employer/templates'),
      template_get: () => employer.get(`/api/employer/templates/${world.templateId}`),
      webhook_create: () => employer.post('/api/webhooks', { url: `${world.sinkUrl}-${suffix}`, description: '链接' }),
      webhook_list: () => employer.get('/api/webhooks'),
      notification_list: () => employer.get('/api/me/notifications'),
    };
    // The party actions answer with the Signing schema, which the unit test checks statically.
    const actions = new Set(ROUTES.filter((r) => r.action).map((r) => r.operationId));
    expect(Object.keys(LINKS).filter((op) => !sources[op] && !actions.has(op))).toEqual([]);
    for (const [op, call] of Object.entries(sources)) {
      const res = await call();
      expect(res.status, `${op}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
      for (const [name, link] of Object.entries(LINKS[op] ?? {})) {
        for (const expression of Object.values(link.parameters)) {
          const pointer = expression.replace('$response.body#', '');
          const value = pointer.split('/').slice(1).reduce<any>((v, key) => v?.[key], res.body);
          expect(typeof value === 'string' && value.length > 0, `${op} → ${name}: ${expression} gave ${JSON.stringify(value)}`).toBe(true);
        }
      }
    }
  });

  for (const role of SELECTED_ROLES) {
    it(`as ${role}: no failure`, async () => {
      const dir = path.join(REPORT_ROOT, role);
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'schemathesis.toml'), configOf(role));
      const token = clientOf(role)?.token;
      const args = commandLine(role, dir, token);
      const started = Date.now();
      const { code, output } = await runSchemathesis(args, dir);
      const seconds = (Date.now() - started) / 1000;
      await writeFile(path.join(dir, 'output.txt'), token ? output.replaceAll(token, '$TOKEN') : output);
      const { findings, ran } = await findingsOf(path.join(dir, 'events.ndjson'), role, token);
      await writeFile(path.join(dir, 'failures.json'), JSON.stringify(findings, null, 2));
      const { cases, failures, filtered } = countsOf(output);
      const shown = [st.command, ...st.args, ...args].map((a) => (token ? a.replaceAll(token, '$TOKEN') : a));
      summaries.push(
        `[schemathesis] role=${role} cases=${cases} failures=${failures} exit=${code} seconds=${seconds.toFixed(0)}` +
          ` filtered=${filtered} (idempotent-replay 404s, schemathesis_hooks.py)`,
      );
      if (role === SELECTED_ROLES[0]) {
        console.log(`[schemathesis] ${shown.map((a) => (/[\s'"$]/.test(a) ? shellQuote(a) : a)).join(' ')}`);
        for (const e of OPERATION_EXCLUSIONS) console.log(`[schemathesis] excluded ${e.checks.join(', ')} for ${e.operations.join(', ')}: covered by ${e.coveredBy}`);
      }

      const tail = output.slice(output.lastIndexOf('SUMMARY') - 40);
      const report = `Schemathesis as ${role} exited ${code} (${cases} test cases, ${failures} unique failures, ${seconds.toFixed(0)} s); ` +
        `reports in ${path.relative(REPO_ROOT, dir)}\n${describeFindings(findings)}\n${tail}`;
      if (code !== 0) console.log(report);
      expect(Number.isFinite(cases) && cases > 0, `no test cases counted:\n${output.slice(-3000)}`).toBe(true);
      expect(EXPECTED_CHECKS.filter((check) => !ran.has(check)), 'checks that never ran').toEqual([]);
      expect(findings.map((f) => `[${f.check}] ${f.operation}: ${f.title}`), report).toEqual([]);
      expect(code, report).toBe(0);
    }, RUN_LIMIT_MS + 60_000);
  }
});

