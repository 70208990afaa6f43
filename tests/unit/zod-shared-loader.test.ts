/**
 * The workflow bundle's zod rewrites (temporal/zod-shared-loader.cjs) must find exactly the sites
 * they were written for in the installed zod: if an upgrade moves one, this fails, instead of a
 * shared, frozen schema failing a workflow task in production.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const loader = require('../../temporal/zod-shared-loader.cjs') as {
  REWRITES: { name: string; file: RegExp; pattern: RegExp }[];
  rewrite(source: string, resourcePath: string): string;
};
const zodCore = path.join(path.dirname(require.resolve('zod/package.json')), 'v4', 'core');
const FILES = ['checks.js', 'schemas.js'].map((f) => path.join(zodCore, f));

/** Sites each rewrite is expected to change: 5 regex resets, 1 shape cache. */
const EXPECTED_SITES: Record<string, number> = {
  'lastIndex reset only for global/sticky expressions': 5,
  'shape cache skipped on a frozen definition': 1,
};

describe('zod rewrites for modules shared between workflow runs', () => {
  it('finds every expected site in the installed zod, and no other', async () => {
    const sources = await Promise.all(FILES.map(async (file) => ({ file, text: await readFile(file, 'utf8') })));
    for (const r of loader.REWRITES) {
      const sites = sources.filter((s) => r.file.test(s.file)).reduce((n, s) => n + (s.text.match(r.pattern)?.length ?? 0), 0);
      expect(sites, r.name).toBe(EXPECTED_SITES[r.name]);
    }
  });

  it('leaves no unguarded write behind', async () => {
    for (const file of FILES) {
      const out = loader.rewrite(await readFile(file, 'utf8'), file);
      for (const line of out.split('\n').filter((l) => l.includes('.lastIndex = 0'))) {
        expect(line).toMatch(/if \(([\w$.]+)\.global \|\| \1\.sticky\) \1\.lastIndex = 0;/);
      }
      expect(out).not.toMatch(/\n\s*Object\.defineProperty\(def, "shape", \{\n\s*value: newSh,/);
    }
  });

  it('rewrites nothing outside zod’s core', () => {
    const source = 'x.lastIndex = 0;\nObject.defineProperty(def, "shape", {\n  value: newSh,\n});';
    expect(loader.rewrite(source, '/app/node_modules/other/index.js')).toBe(source);
  });

  it('keeps the reset for global and sticky expressions, skips it for the rest', () => {
    const out = loader.rewrite('def.pattern.lastIndex = 0;', '/x/node_modules/zod/v4/core/checks.js');
    const run = new Function('def', `${out} return def.pattern.lastIndex;`) as (def: { pattern: RegExp }) => number;
    const global = /a/g;
    global.lastIndex = 3;
    expect(run({ pattern: global })).toBe(0);
    const frozen = Object.freeze(/a/);
    expect(() => run({ pattern: frozen })).not.toThrow();
  });
});
