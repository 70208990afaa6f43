/**
 * SHARED_WORKFLOW_MODULES (worker.ts) are instantiated once per workflow thread and shared by every
 * run in it. That is only safe for code that keeps no state of its own between calls: no workflow
 * API (which acts on the current run), no module-level `let`, no Node built-ins. This walks their
 * local import graph and checks each file, so a later import cannot drag run state in unnoticed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_WORKFLOW_MODULES } from '../../worker';

const IMPORT = /^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms;

function localImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1]!).filter((spec) => spec.startsWith('.')).map((spec) => resolveTs(path.dirname(file), spec));
}

function resolveTs(dir: string, spec: string): string {
  const base = path.resolve(dir, spec);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts'), base]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      // try the next form
    }
  }
  throw new Error(`cannot resolve ${spec} from ${dir}`);
}

function graph(): string[] {
  const seen = new Set<string>();
  const queue = [...SHARED_WORKFLOW_MODULES];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...localImports(file));
  }
  return [...seen].sort();
}

describe('modules shared between workflow runs', () => {
  const files = graph();

  it('are the domain rules and what they import, nothing under workflows/', () => {
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(path.relative(process.cwd(), file)).toMatch(/^domain\//);
  });

  it.each(files.map((f) => [path.relative(process.cwd(), f), f]))('%s keeps no run state', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/from '@temporalio\/workflow'/);
    expect(text).not.toMatch(/from 'node:/);
    // Module-level mutable bindings would be shared by every run in the thread.
    expect(text).not.toMatch(/^(?:export\s+)?(?:let|var)\s/m);
  });
});
