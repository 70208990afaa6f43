// Webpack loader for zod's files in the workflow bundle (worker.ts, SHARED_WORKFLOW_MODULES).
//
// The signing rules and their zod schemas are loaded once per workflow thread and shared by every
// run, and the SDK deep-freezes shared modules. zod 4 writes to two kinds of shared object while it
// parses, which a frozen object refuses; both writes are caches or resets whose skipping changes
// no result:
//
// 1. `pattern.lastIndex = 0` before every regex check. lastIndex only matters to global or sticky
//    expressions (RegExp.prototype.test ignores it otherwise), so the reset is kept for those only.
// 2. An object schema's `shape` getter replaces itself on its definition with a copy of the shape
//    (a one-time cache). A definition frozen with the getter in place — a `.check()`/`.refine()`
//    clone copies the getter, which still points at the original — just returns the copy.
//
// tests/unit/zod-shared-loader.test.ts checks that each rewrite finds exactly the sites it expects
// in the installed zod, so an upgrade that moves them fails there, not in a workflow.
'use strict';

const REWRITES = [
  {
    name: 'lastIndex reset only for global/sticky expressions',
    file: /[\\/]zod[\\/]v4[\\/]core[\\/](checks|schemas)\.js$/,
    pattern: /([\w$.]+)\.lastIndex = 0;/g,
    replace: (_all, re) => `if (${re}.global || ${re}.sticky) ${re}.lastIndex = 0;`,
  },
  {
    name: 'shape cache skipped on a frozen definition',
    file: /[\\/]zod[\\/]v4[\\/]core[\\/]schemas\.js$/,
    pattern: /(\n\s*)Object\.defineProperty\(def, "shape", \{\n\s*value: newSh,\n\s*\}\);/g,
    replace: (_all, indent) => `${indent}if (!Object.isFrozen(def)) Object.defineProperty(def, "shape", { value: newSh });`,
  },
];

function rewrite(source, resourcePath) {
  let out = source;
  for (const r of REWRITES) if (r.file.test(resourcePath)) out = out.replace(r.pattern, r.replace);
  return out;
}

module.exports = function zodSharedLoader(source) {
  return rewrite(source, this.resourcePath);
};
module.exports.REWRITES = REWRITES;
module.exports.rewrite = rewrite;
