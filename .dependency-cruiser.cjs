// Import boundaries of finsam-ledger's library code, checked by dependency-cruiser (see
// docs/decisions.md): the graph properties (folder cycles) and forbidden paths. Forbidden
// package names (core never imports an adapter, not even in a test) are ESLint's
// no-restricted-imports in eslint.config.js. scripts/lint.ts runs both; violations still
// present sit in lint-allowlist.json, which only shrinks.
//
// Tests are left out of the graph: a spec may import across layers (the fixtures under
// testing/ build books and read statements), and that is no cycle of the library. Core's
// root index.ts is left out too: it is the barrel that re-exports every folder, so counting
// it would make every folder that imports the root's error.ts part of a cycle.

/** Specs, scenarios and test support: they may reach further than the library itself. */
const testFile = '(\\.spec\\.ts|\\.testScenario\\.ts|\\.testSupport\\.ts|/testFixtures\\.ts)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-no-node-io',
      severity: 'error',
      comment:
        'Core does no I/O. Of the Node built-ins it uses only node:assert (in the conformance ' +
        'suite under testing/); node:crypto is allowed for hashing. Web-standard globals such ' +
        'as globalThis.crypto.randomUUID need no import.',
      from: { path: '^packages/core/src/' },
      to: {
        dependencyTypes: ['core'],
        pathNot: '^(node:)?(assert|assert/strict|crypto)$',
      },
    },
    {
      name: 'statements-import-no-write-side',
      severity: 'error',
      comment:
        'Statements are read-side projections of the books: they never import the write-side ' +
        "rules (the decider, its state). ESLint forbids the name `check` of an event's module.",
      from: { path: '^packages/core/src/statements/' },
      to: {
        path: '^packages/core/src/bookkeeping/(bookkeepingDecider|BookkeepingState)\\.ts$',
      },
    },
    {
      name: 'core-no-folder-cycle',
      severity: 'error',
      comment:
        'The folders of core form layers (money, events, ledger, bookkeeping, statements, the ' +
        'façade above them); a folder that imports a folder that imports it back is a cycle.',
      scope: 'folder',
      from: { path: '^packages/core/src/' },
      to: { circular: true },
    },
  ],
  options: {
    // Project files and Node's built-ins (resolved as `fs` or `node:fs`); npm packages stay out.
    includeOnly: '^(packages/|(node:)?[a-z_]+$|(node:)?[a-z_]+/[a-z_]+$)',
    exclude: {
      path: [`(^|/)(node_modules|dist|\\.tsup)/`, testFile, '^packages/core/src/index\\.ts$'],
    },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      conditionNames: ['finsam-source', 'import', 'require', 'node', 'default'],
      exportsFields: ['exports'],
      extensions: ['.ts', '.js', '.json'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};
