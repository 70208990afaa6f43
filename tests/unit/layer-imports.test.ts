/**
 * The import rules between layers are lint errors (eslint.config.js): domain/ reaches no HTTP,
 * database or client code; workflow code no I/O, no Node built-ins and not the region data set.
 * Linted as the text of an existing file of that folder, with the project’s own configuration.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message.split("'")[1] ?? '');
}

describe('layer import rules', () => {
  it('workflow code: no db, api, activity code, Node built-in or region data; types are fine', async () => {
    const code = [
      "import { signings } from '../db/schema';",
      "import { regionName } from '../domain/region';",
      "import { applicationSchema } from '../domain/schemas';",
      "import { createActivities } from '../activities';",
      "import { readFileSync } from 'node:fs';",
      "import type { Activities } from '../activities';",
      "import type { Application } from '../domain/schemas';",
      "import { agreementHash } from '../domain/agreement-hash';",
      'export const all = [signings, regionName, applicationSchema, createActivities, readFileSync, agreementHash] as unknown as [Activities, Application];',
    ].join('\n');
    expect(await restricted('workflows/search-attributes.ts', code)).toEqual(['../db/schema', '../domain/region', '../domain/schemas', '../activities', 'node:fs']);
  });

  it('domain: no api or db code; types are fine', async () => {
    const code = [
      "import { AppError } from '../api/errors';",
      "import type { Db } from '../db/client';",
      "import { z } from './zod';",
      'export const all: [unknown, Db | undefined, unknown] = [AppError, undefined, z];',
    ].join('\n');
    expect(await restricted('domain/duration.ts', code)).toEqual(['../api/errors']);
  });
});
