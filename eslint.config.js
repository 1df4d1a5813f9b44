// The project's lint rules, in the spirit of TigerBeetle's TIGER_STYLE: short functions, low
// complexity, lines that fit 100 columns, and errors that callers can switch on. Existing
// outliers are not disabled here: they sit in lint-allowlist.json, which only shrinks
// (scripts/lint.ts compares; `pnpm run lint:allowlist` regenerates). See docs/decisions.md.
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Every TypeScript file the project writes by hand. */
const typeScriptFiles = [
  'packages/*/src/**/*.ts',
  'packages/*/tsup.config.ts',
  'examples/*/src/**/*.ts',
  'test/**/*.ts',
  'bench/**/*.ts',
  'docs/**/*.ts',
  'scripts/**/*.ts',
  'tsup.shared.ts',
];

/** Files that only test: ava specs and the scenario and support files they share. */
const testFiles = [
  '**/*.spec.ts',
  '**/*.testScenario.ts',
  '**/*.testSupport.ts',
  '**/testFixtures.ts',
  'test/**/*.ts',
  'docs/examples/**/*.ts',
];

export default defineConfig([
  globalIgnores(['**/node_modules/', '**/dist/', '**/.tsup/', 'examples/*/data/', 'coverage/']),
  {
    files: [...typeScriptFiles, '*.js'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    plugins: { '@stylistic': stylistic },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Prettier breaks code at 100 columns but cannot break a string, a template literal, a
      // regular expression or a URL; those may run long. Comments are not rewrapped by
      // Prettier, so a long comment counts.
      '@stylistic/max-len': [
        'error',
        {
          code: 100,
          tabWidth: 2,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignoreUrls: true,
        },
      ],
      'max-lines-per-function': [
        'error',
        { max: 70, skipBlankLines: true, skipComments: true, IIFEs: true },
      ],
      complexity: ['error', { max: 15 }],
      // `_`-prefixed names mark a parameter or binding kept on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // A test reads as a list of steps (given, when, then); it may run longer than a function
    // of the library, but not without bound.
    files: testFiles,
    rules: {
      'max-lines-per-function': [
        'error',
        { max: 150, skipBlankLines: true, skipComments: true, IIFEs: true },
      ],
    },
  },
  {
    // Callers switch on `code`: package source throws its coded error (core's `ledgerError`,
    // the adapters' error.ts), never a plain Error.
    files: ['packages/*/src/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ThrowStatement > NewExpression[callee.name='Error']",
          message:
            "Throw the package's coded error (core: ledgerError(code, …)), not a plain Error.",
        },
      ],
    },
  },
  {
    // Core is the pure centre: adapters depend on it, never the other way, not even in a
    // test (that would make the workspace dependencies cyclic). Node I/O and core's folder
    // layers are checked by dependency-cruiser (.dependency-cruiser.cjs).
    files: ['packages/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@finsam-ledger/adapter-*', '@finsam-ledger/eventstoredb-emulator*'],
              message: 'Core never imports an adapter package (adapters depend on core).',
            },
          ],
        },
      ],
    },
  },
  {
    // Statements are read-side projections: they never call an event's write-side check.
    // (Imports of bookkeepingDecider and BookkeepingState are forbidden by dependency-cruiser,
    // which sees files; this rule sees the name `check`.)
    files: ['packages/core/src/statements/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportSpecifier[imported.name='check']",
          message: "Statements never import an event module's write-side check.",
        },
        {
          selector: "MemberExpression[property.name='check']",
          message: "Statements never call an event module's write-side check.",
        },
        {
          selector: "ThrowStatement > NewExpression[callee.name='Error']",
          message:
            "Throw the package's coded error (core: ledgerError(code, …)), not a plain Error.",
        },
      ],
    },
  },
]);
