/**
 * docker-compose.yml, .env.example, the Dockerfile and the deploy/ scripts, checked without a Docker
 * engine: image pins against the pinned Temporal CLI, the app environment against config.ts after
 * compose-style interpolation of .env.example, search attributes against workflows/, the startup
 * order. deploy/temporal/create-namespace.sh runs for real against this test run's Temporal dev
 * server; `docker compose config` validates the file when a compose CLI is installed.
 */
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { describe, expect, inject, it } from 'vitest';
import { configSchema } from '../../config';
import { CODEC_SIGN_IN_HINT, codecSignInUrl } from '../../launcher/temporal-ui-settings-proxy';
import { resolveTemporalCli, TEMPORAL_CLI_VERSION, TEMPORAL_EMBEDDED_SERVER_VERSION } from '../../launcher/temporal-cli';
import { newPayloadKeyEntry } from '../../scripts/new-payload-key';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../../workflows/search-attributes';

const execFileAsync = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

type Environment = Record<string, string | undefined>;

// ---- compose-style variable interpolation -------------------------------------------------------

const VARIABLE = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Substitutes `$$`, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`,
 * `${VAR?message}`, `${VAR:+alt}` and `${VAR+alt}` the way docker compose does (no nesting).
 */
function interpolate(text: string, env: Environment): string {
  return text.replace(VARIABLE, (_match, dollar?: string, braced?: string, op?: string, arg = '', bare?: string) => {
    if (dollar) return '$';
    const name = (braced ?? bare)!;
    const value = env[name];
    const isSet = value !== undefined;
    const isNonEmpty = isSet && value !== '';
    if (arg.includes('$')) throw new Error(`nested interpolation in \${${name}${op}${arg}} is not supported here`);
    switch (op) {
      case undefined:
        return value ?? '';
      case ':-':
        return isNonEmpty ? value : arg;
      case '-':
        return isSet ? value : arg;
      case ':?':
        if (!isNonEmpty) throw new Error(`required variable ${name} is missing a value: ${arg}`);
        return value;
      case '?':
        if (!isSet) throw new Error(`required variable ${name} is missing a value: ${arg}`);
        return value;
      case ':+':
        return isNonEmpty ? arg : '';
      case '+':
        return isSet ? arg : '';
      default:
        throw new Error(`unknown operator ${op}`);
    }
  });
}

/** Names of the variables a string refers to (not counting `$$` escapes). */
function referencedVariables(text: string): string[] {
  return [...text.matchAll(VARIABLE)].filter((m) => !m[1]).map((m) => (m[2] ?? m[5])!);
}

/** Interpolates every string value of a parsed YAML tree (keys are left alone, as compose does). */
function interpolateTree(node: unknown, env: Environment): unknown {
  if (typeof node === 'string') return interpolate(node, env);
  if (Array.isArray(node)) return node.map((item) => interpolateTree(item, env));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateTree(v, env)]));
  }
  return node;
}

function stringsIn(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(stringsIn);
  if (node && typeof node === 'object') return Object.values(node).flatMap(stringsIn);
  return [];
}

/** KEY=value lines; blank lines and # comments skipped. Every other line must be an assignment. */
function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) throw new Error(`.env.example line ${i + 1} is not KEY=value: ${raw}`);
    if (m[1]! in out) throw new Error(`.env.example sets ${m[1]} twice`);
    out[m[1]!] = m[2]!;
  }
  return out;
}

// ---- the files ------------------------------------------------------------------------------------

interface DependsOn {
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
}
interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string | number> | string[];
  ports?: string[];
  expose?: string[];
  depends_on?: Record<string, DependsOn> | string[];
  healthcheck?: { test: string[] };
  restart?: string;
  container_name?: string;
  volumes?: string[];
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const composeText = read('docker-compose.yml');
/** As written (merge keys resolved, variables not yet substituted). */
const raw = parse(composeText, { merge: true }) as ComposeFile;
const dotEnv = parseDotEnv(read('.env.example'));
/** As docker compose would run it with .env copied from .env.example. */
const compose = interpolateTree(raw, dotEnv) as ComposeFile;
const dockerfile = read('Dockerfile');

const REQUIRED_SECRETS = ['JWT_SECRET', 'POSTGRES_PASSWORD', 'APP_DB_PASSWORD', 'PAYLOAD_KEYS'];
/**
 * .env.example holds placeholders; an operator's .env holds generated values. The payload key's
 * placeholder deliberately does not parse (a deployment must not run on a published key), so the
 * app-environment checks run with what `npm run payload-key` prints instead.
 */
const GENERATED_PAYLOAD_KEYS = newPayloadKeyEntry('k1');
const deployed = interpolateTree(raw, { ...dotEnv, PAYLOAD_KEYS: GENERATED_PAYLOAD_KEYS }) as ComposeFile;
const APP_SERVICES = ['migrate', 'api', 'worker'];

function service(name: string, file: ComposeFile = compose): Service {
  const s = file.services[name];
  if (!s) throw new Error(`docker-compose.yml has no service ${name}`);
  return s;
}

function environmentOf(name: string, file: ComposeFile = compose): Record<string, string> {
  const env = service(name, file).environment ?? {};
  if (Array.isArray(env)) throw new Error(`${name}: write environment as a map`);
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
}

function withoutEmpty(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
}

function imageTag(image: string): { repository: string; tag: string | undefined } {
  const at = image.lastIndexOf(':');
  // A colon before the last slash belongs to a registry host:port, not to a tag.
  if (at < 0 || at < image.lastIndexOf('/')) return { repository: image, tag: undefined };
  return { repository: image.slice(0, at), tag: image.slice(at + 1) };
}

function imageOf(name: string): { repository: string; tag: string | undefined } {
  const image = service(name).image;
  if (!image) throw new Error(`${name} has no image`);
  return imageTag(image);
}

function dependsOn(name: string): Record<string, DependsOn> {
  const deps = service(name).depends_on ?? {};
  if (Array.isArray(deps)) throw new Error(`${name}: depends_on needs conditions (long form)`);
  return deps;
}

// ---- tests ---------------------------------------------------------------------------------------

describe('docker-compose.yml: images', () => {
  it('pins every image to an explicit tag other than latest', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      expect(s.image, `${name} has no image`).toBeTruthy();
      const { tag } = imageTag(s.image!);
      expect(tag, `${name}: ${s.image} has no tag`).toMatch(/^[\w][\w.-]*$/);
      expect(tag, `${name}: ${s.image}`).not.toBe('latest');
    }
  });

  it('builds the project image from a pinned Node 20 base', () => {
    for (const name of APP_SERVICES) expect(service(name).build, `${name} builds the project image`).toBeTruthy();
    const images = new Set(APP_SERVICES.map((name) => service(name).image));
    expect(images.size, 'migrate, api and worker share one image').toBe(1);

    const args = Object.fromEntries([...dockerfile.matchAll(/^ARG\s+(\w+)=(\S+)/gm)].map((m) => [m[1]!, m[2]!]));
    const stages = new Set<string>();
    const froms = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)];
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const [, ref, stage] of froms) {
      const image = ref!.replace(/^\$\{(\w+)\}$/, (_m, arg: string) => args[arg] ?? `<unset ARG ${arg}>`);
      if (!stages.has(image)) {
        const { repository, tag } = imageTag(image);
        expect(repository).toBe('node');
        expect(tag, `FROM ${image}`).toMatch(/^20\.\d+\.\d+-[a-z]+(-slim)?$/);
      }
      if (stage) stages.add(stage);
    }
  });

  it('runs the Temporal server the pinned CLI embeds, with admin-tools of the same version', () => {
    expect(imageOf('temporal')).toEqual({ repository: 'temporalio/server', tag: TEMPORAL_EMBEDDED_SERVER_VERSION });
    for (const name of ['temporal-admin-tools', 'temporal-create-namespace']) {
      expect(imageOf(name)).toEqual({ repository: 'temporalio/admin-tools', tag: TEMPORAL_EMBEDDED_SERVER_VERSION });
    }
    expect(imageOf('temporal-ui').repository).toBe('temporalio/ui');
    expect(imageOf('temporal-ui').tag).toMatch(/^\d+\.\d+\.\d+$/);
    expect(imageOf('postgresql')).toEqual({ repository: 'postgres', tag: expect.stringMatching(/^16(\.\d+)?$/) });
  });

  it('matches the server and UI versions that the pinned CLI binary reports', async () => {
    // The run's global setup has already resolved (installed if need be) the CLI.
    const cli = await resolveTemporalCli();
    const { stdout } = await execFileAsync(cli, ['--version']);
    const m = /^temporal version (\S+) \(Server (\S+), UI (\S+)\)/.exec(stdout);
    expect(m, stdout).not.toBeNull();
    // TEMPORAL_CLI or PATH may point at another release; then there is nothing to compare with.
    if (m![1] !== TEMPORAL_CLI_VERSION) return;
    expect(m![2]).toBe(TEMPORAL_EMBEDDED_SERVER_VERSION);
    expect(imageOf('temporal').tag).toBe(m![2]);
    expect(imageOf('temporal-ui').tag).toBe(m![3]);
  });
});

describe('docker-compose.yml and .env.example: variables', () => {
  const referenced = new Set(stringsIn(raw).flatMap(referencedVariables));

  it('lists in .env.example every variable the compose file uses, and no other', () => {
    expect([...referenced].filter((v) => !(v in dotEnv)), 'missing from .env.example').toEqual([]);
    expect(Object.keys(dotEnv).filter((v) => !referenced.has(v)), 'unused in docker-compose.yml').toEqual([]);
  });

  it('requires the secrets (${VAR:?…}) wherever they are used, and ships only placeholders for them', () => {
    for (const secret of REQUIRED_SECRETS) {
      const uses = [...composeText.matchAll(new RegExp(String.raw`\$\{${secret}([^}]*)\}`, 'g'))];
      expect(uses.length, `${secret} is used`).toBeGreaterThan(0);
      for (const use of uses) expect(use[1], `${secret} must be \${${secret}:?message}`).toMatch(/^:\?.+/);
      expect(dotEnv[secret], `${secret} in .env.example`).toMatch(/^CHANGE_ME/);
      const withoutIt = { ...dotEnv, [secret]: '' };
      expect(() => interpolateTree(raw, withoutIt), `compose refuses to run without ${secret}`).toThrow(secret);
    }
  });

  it('gives every other variable a default', () => {
    for (const text of stringsIn(raw)) {
      for (const m of text.matchAll(VARIABLE)) {
        const name = m[2] ?? m[5];
        if (m[1] || !name || REQUIRED_SECRETS.includes(name)) continue;
        expect(m[3], `${m[0]} needs a :- default`).toBe(':-');
      }
    }
  });

  it('gives the app services an environment that config.ts accepts', () => {
    for (const name of APP_SERVICES) {
      // As parseConfig reads it: compose passes `VAR=` for an empty value, which means unset.
      const env = withoutEmpty(environmentOf(name, deployed));
      const result = configSchema.safeParse(env);
      expect(result.error?.issues ?? [], `${name} environment`).toEqual([]);
      const config = result.data!;
      expect(config).toMatchObject({
        NODE_ENV: 'production',
        HOST: '0.0.0.0',
        TEMPORAL_ADDRESS: 'temporal:7233',
        TEMPORAL_NAMESPACE: dotEnv.TEMPORAL_NAMESPACE,
        TEMPORAL_TASK_QUEUE: dotEnv.TEMPORAL_TASK_QUEUE,
        PORT: Number(dotEnv.PORT),
        JWT_SECRET: dotEnv.JWT_SECRET,
        LOG_LEVEL: dotEnv.LOG_LEVEL,
        PAYLOAD_KEYS: [expect.objectContaining({ id: 'k1' })],
        TEMPORAL_UI_ORIGIN: [dotEnv.TEMPORAL_UI_PUBLIC_URL],
        WORKER_METRICS_ADDRESS: '0.0.0.0:9464',
      });
      // The placeholder itself is refused: nobody runs on a key published in the repository.
      expect(configSchema.safeParse(withoutEmpty(environmentOf(name))).success).toBe(false);
      // The processes refuse to start without these when run alone (requireSetting).
      const url = new URL(config.DATABASE_URL!);
      expect(url.hostname).toBe('postgresql');
      expect(url.pathname).toBe(`/${dotEnv.APP_DB_NAME}`);
      expect(decodeURIComponent(url.username)).toBe(dotEnv.APP_DB_USER);
      expect(decodeURIComponent(url.password)).toBe(dotEnv.APP_DB_PASSWORD);
    }
  });

  it('keeps the app database and its role apart from Temporal’s', () => {
    const pg = environmentOf('postgresql');
    expect(pg.APP_DB_NAME).toBe(dotEnv.APP_DB_NAME);
    expect(pg.APP_DB_USER).toBe(dotEnv.APP_DB_USER);
    expect(pg.APP_DB_PASSWORD).toBe(dotEnv.APP_DB_PASSWORD);
    expect(pg.APP_DB_USER).not.toBe(pg.POSTGRES_USER);
    expect(['temporal', 'temporal_visibility', 'postgres']).not.toContain(pg.APP_DB_NAME);
    expect(service('postgresql').volumes).toContain(
      './deploy/postgres/create-app-database.sh:/docker-entrypoint-initdb.d/10-create-app-database.sh:ro',
    );
    // Temporal connects as the superuser; the schema job uses the same account.
    expect(environmentOf('temporal')).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgresql', POSTGRES_USER: pg.POSTGRES_USER, POSTGRES_PWD: pg.POSTGRES_PASSWORD });
    expect(environmentOf('temporal-admin-tools')).toMatchObject({ SQL_HOST: 'postgresql', SQL_USER: pg.POSTGRES_USER, SQL_PASSWORD: pg.POSTGRES_PASSWORD });
  });
});

describe('docker-compose.yml: services', () => {
  it('publishes the API on its own PORT and checks /readyz', () => {
    const ports = service('api').ports ?? [];
    expect(ports).toHaveLength(1);
    const parts = ports[0]!.replace(/\/tcp$/, '').split(':');
    const [published, target] = parts.slice(-2);
    expect(published).toBe(dotEnv.PORT);
    expect(target).toBe(dotEnv.PORT);
    expect(environmentOf('api').PORT).toBe(dotEnv.PORT);
    expect(service('api').healthcheck?.test.join(' ')).toContain('/readyz');
  });

  it('runs each process with the right command', () => {
    expect(dockerfile).toMatch(/^CMD \["node", "--import", "tsx", "api\/server.ts"\]$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^ENV NODE_ENV=production$/m);
    expect(service('api').command).toEqual(['node', '--import', 'tsx', 'api/server.ts']);
    expect(service('worker').command).toEqual(['node', '--import', 'tsx', 'worker.ts']);
    expect(service('migrate').command).toEqual(['node', '--import', 'tsx', 'db/migrate.ts']);
  });

  it('lets workers scale: no ports and no fixed container names', () => {
    expect(service('worker').ports).toBeUndefined();
    for (const [name, s] of Object.entries(compose.services)) expect(s.container_name, name).toBeUndefined();
  });

  it('starts things in order', () => {
    const expected: Record<string, Record<string, DependsOn['condition']>> = {
      'temporal-admin-tools': { postgresql: 'service_healthy' },
      temporal: { 'temporal-admin-tools': 'service_completed_successfully' },
      'temporal-create-namespace': { temporal: 'service_healthy' },
      'temporal-ui': { temporal: 'service_healthy' },
      migrate: { postgresql: 'service_healthy' },
      api: { migrate: 'service_completed_successfully', temporal: 'service_healthy', 'temporal-create-namespace': 'service_completed_successfully' },
      worker: { migrate: 'service_completed_successfully', temporal: 'service_healthy', 'temporal-create-namespace': 'service_completed_successfully' },
    };
    for (const [name, deps] of Object.entries(expected)) {
      const actual = Object.fromEntries(Object.entries(dependsOn(name)).map(([dep, d]) => [dep, d.condition]));
      expect(actual, `${name}.depends_on`).toEqual(deps);
    }
    for (const name of Object.keys(compose.services)) {
      for (const [dep, { condition }] of Object.entries(dependsOn(name))) {
        if (condition === 'service_healthy') expect(service(dep).healthcheck, `${dep} needs a healthcheck`).toBeTruthy();
        // A one-shot that restarts forever would never count as completed.
        if (condition === 'service_completed_successfully') expect(service(dep).restart ?? 'no', dep).toMatch(/^(no|on-failure(:\d+)?)$/);
      }
    }
  });

  it('points the UI at the API’s codec, reachable from the operator’s browser, with credentials', () => {
    const ui = environmentOf('temporal-ui');
    expect(ui.TEMPORAL_CODEC_ENDPOINT).toBe(`${dotEnv.API_PUBLIC_URL}/codec`);
    expect(ui.TEMPORAL_CODEC_INCLUDE_CREDENTIALS).toBe('true');
    // Where a payload cannot be decoded, the UI says where to sign in, as the embedded UI does.
    expect(ui.TEMPORAL_CODEC_DEFAULT_ERROR_MESSAGE).toBe(CODEC_SIGN_IN_HINT);
    expect(ui.TEMPORAL_CODEC_DEFAULT_ERROR_LINK).toBe(codecSignInUrl(ui.TEMPORAL_CODEC_ENDPOINT!));
    // The image templates them into YAML unquoted: they must stay plain scalars.
    for (const value of [ui.TEMPORAL_CODEC_DEFAULT_ERROR_MESSAGE!, ui.TEMPORAL_CODEC_DEFAULT_ERROR_LINK!]) {
      expect(parse(`v: ${value}`)).toEqual({ v: value });
    }
    // …and the API lets that UI origin call it (CORS), at the port the UI is published on.
    expect(environmentOf('api').TEMPORAL_UI_ORIGIN).toBe(dotEnv.TEMPORAL_UI_PUBLIC_URL);
    expect(new URL(dotEnv.TEMPORAL_UI_PUBLIC_URL!).port).toBe(dotEnv.TEMPORAL_UI_HOST_PORT);
    expect(new URL(dotEnv.API_PUBLIC_URL!).port).toBe(dotEnv.PORT);
  });

  it('gives workers the workflow bundle the image builds, and exposes their SDK metrics', () => {
    const bundlePath = environmentOf('worker').WORKFLOW_BUNDLE_PATH!;
    expect(dockerfile).toMatch(/^FROM \S+ AS bundle$/m);
    expect(dockerfile).toContain('RUN node --import tsx scripts/bundle-workflows.ts dist/workflow-bundle.js');
    expect(dockerfile).toMatch(new RegExp(`^COPY --from=bundle /app/dist/workflow-bundle.js \\./dist/workflow-bundle.js$`, 'm'));
    expect(bundlePath).toBe('/app/dist/workflow-bundle.js');
    expect(service('worker').expose).toEqual([environmentOf('worker').WORKER_METRICS_ADDRESS!.split(':')[1]]);
  });

  it('checks PostgreSQL over TCP, so init scripts have finished when it reports healthy', () => {
    const test = service('postgresql').healthcheck!.test.join(' ');
    expect(test).toContain('pg_isready -h 127.0.0.1');
  });

  it('runs scripts that exist and parse', () => {
    for (const script of ['deploy/temporal/setup-schema.sh', 'deploy/temporal/create-namespace.sh', 'deploy/postgres/create-app-database.sh']) {
      const result = spawnSync('sh', ['-n', path.join(ROOT, script)], { encoding: 'utf8' });
      expect(result.status, `${script}: ${result.stderr}`).toBe(0);
    }
    for (const [name, script] of [['temporal-admin-tools', 'setup-schema.sh'], ['temporal-create-namespace', 'create-namespace.sh']] as const) {
      expect(service(name).volumes).toContain('./deploy/temporal:/deploy:ro');
      expect(service(name).entrypoint).toEqual(['/bin/sh', `/deploy/${script}`]);
    }
  });
});

describe('Temporal setup jobs', () => {
  it('registers exactly the search attributes the workflow upserts', () => {
    const listed = environmentOf('temporal-create-namespace').SEARCH_ATTRIBUTES!.split(/\s+/).filter(Boolean);
    const asMap = Object.fromEntries(listed.map((pair) => pair.split('=') as [string, string]));
    expect(listed).toHaveLength(Object.keys(asMap).length);
    expect(asMap).toEqual(SEARCH_ATTRIBUTE_REGISTRATIONS);
  });

  it('create-namespace.sh creates the namespace and the search attributes, and can run again', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'compose-namespace-'));
    try {
      await symlink(await resolveTemporalCli(), path.join(dir, 'temporal'));
      const namespace = `compose-test-${Date.now().toString(36)}`;
      const env = {
        ...process.env,
        ...environmentOf('temporal-create-namespace'),
        PATH: `${dir}${path.delimiter}${process.env.PATH ?? ''}`,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        TEMPORAL_NAMESPACE: namespace,
        SETUP_PAUSE_SECONDS: '1',
      };
      const script = path.join(ROOT, 'deploy/temporal/create-namespace.sh');
      for (let run = 1; run <= 2; run++) {
        const { stdout } = await execFileAsync('sh', [script], { env, timeout: 90_000 });
        expect(stdout, `run ${run}`).toContain(`namespace ${namespace} is ready`);
      }
      const { stdout } = await execFileAsync(
        path.join(dir, 'temporal'),
        ['operator', 'search-attribute', 'list', '--namespace', namespace, '--address', inject('temporalAddress'), '--output', 'json'],
      );
      const { customAttributes } = JSON.parse(stdout) as { customAttributes: Record<string, string> };
      const expected = Object.fromEntries(
        Object.entries(SEARCH_ATTRIBUTE_REGISTRATIONS).map(([name, type]) => [
          name,
          `INDEXED_VALUE_TYPE_${type.replace(/(?<=[a-z])(?=[A-Z])/g, '_').toUpperCase()}`,
        ]),
      );
      expect(customAttributes).toEqual(expected);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('setup-schema.sh creates and migrates both Temporal databases', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'compose-schema-'));
    try {
      const log = path.join(dir, 'calls.log');
      await writeFile(path.join(dir, 'temporal-sql-tool'), `#!/bin/sh\necho "$*" >> "${log}"\n`, { mode: 0o755 });
      const env = { ...process.env, ...environmentOf('temporal-admin-tools'), PATH: `${dir}${path.delimiter}${process.env.PATH ?? ''}` };
      await execFileAsync('sh', [path.join(ROOT, 'deploy/temporal/setup-schema.sh')], { env });
      const calls = readFileSync(log, 'utf8').trim().split('\n');
      const prefix = `--plugin postgres12 --ep postgresql -p 5432 -u ${dotEnv.POSTGRES_USER}`;
      expect(calls).toEqual([
        `${prefix} --db temporal create`,
        `${prefix} --db temporal setup-schema -v 0.0`,
        `${prefix} --db temporal update-schema -d /etc/temporal/schema/postgresql/v12/temporal/versioned`,
        `${prefix} --db temporal_visibility create`,
        `${prefix} --db temporal_visibility setup-schema -v 0.0`,
        `${prefix} --db temporal_visibility update-schema -d /etc/temporal/schema/postgresql/v12/visibility/versioned`,
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
