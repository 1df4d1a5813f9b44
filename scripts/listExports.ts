/**
 * The public API of @finsam-ledger/core as built: every name each entry point (`.`,
 * `./testing`, and any subpath the package's `exports` map adds) exports, read from the built
 * `.d.ts` with the TypeScript compiler, with its kind and the first sentence of its TSDoc.
 *
 *   tsx scripts/listExports.ts            prints `subpath name kind`, sorted
 *   tsx scripts/listExports.ts --write    writes docs/api.md, grouped by docs/api-groups.json
 *
 * Needs a build (`pnpm run build`). test/publicApi.int.spec.ts fails when docs/api.md and the
 * built exports differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const corePath = `${root}packages/core/`;
const apiDocPath = `${root}docs/api.md`;
const groupsPath = `${root}docs/api-groups.json`;

/** One exported name of one entry point. */
export interface ExportedName {
  /** The import specifier: `@finsam-ledger/core` or `@finsam-ledger/core/testing`. */
  readonly entry: string;
  readonly name: string;
  readonly kind: string;
  /** The first sentence of its TSDoc, or '' when it has none. */
  readonly summary: string;
}

/** docs/api-groups.json: which audience each export is for. */
export interface ApiGroups {
  readonly comment?: string;
  /** The audiences in the order docs/api.md shows them, with one sentence each. */
  readonly groups: readonly { readonly name: string; readonly description: string }[];
  /** The group of every name of an entry point unless `names` says otherwise. */
  readonly entryDefaults: Readonly<Record<string, string>>;
  /** The group of a name (`name`, or `entry#name` when two entry points share it). */
  readonly names: Readonly<Record<string, string>>;
}

interface PackageExports {
  readonly name: string;
  readonly exports: Record<string, { import?: { types?: string } }>;
}

/** The built `.d.ts` of each subpath of the core package, from its `exports` map. */
function entryPoints(): { entry: string; typesPath: string }[] {
  const manifest = JSON.parse(readFileSync(`${corePath}package.json`, 'utf8')) as PackageExports;
  return Object.entries(manifest.exports).flatMap(([subpath, conditions]) => {
    const types = conditions.import?.types;
    if (types === undefined) return [];
    const entry = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
    return [{ entry, typesPath: `${corePath}${types.slice(2)}` }];
  });
}

const kinds: readonly [ts.SymbolFlags, string][] = [
  [ts.SymbolFlags.Class, 'class'],
  [ts.SymbolFlags.Function, 'function'],
  [ts.SymbolFlags.Enum, 'enum'],
  [ts.SymbolFlags.Variable, 'const'],
  [ts.SymbolFlags.Interface, 'interface'],
  [ts.SymbolFlags.TypeAlias, 'type'],
  [ts.SymbolFlags.Module, 'namespace'],
];

/** The kinds of a symbol: `const + type` for a name that is both a value and a type. */
const kindOf = (symbol: ts.Symbol): string =>
  kinds
    .filter(([flag]) => (symbol.flags & flag) !== 0)
    .map(([, kind]) => kind)
    .join(' + ') || 'other';

/** The first sentence of a TSDoc comment, on one line. */
export function firstSentence(documentation: string): string {
  const text = documentation
    .replace(/\{@link\s+([^}|\s]+)[^}]*\}/g, '`$1`')
    .replace(/\s+/g, ' ')
    .trim();
  const end = text.search(/[.:](\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}

/** Every name the built entry points export, sorted by entry point and name. */
export function listExports(): ExportedName[] {
  const entries = entryPoints();
  const program = ts.createProgram(
    entries.map(({ typesPath }) => typesPath),
    {
      noEmit: true,
      skipLibCheck: true,
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
    },
  );
  const checker = program.getTypeChecker();
  return entries.flatMap(({ entry, typesPath }) => {
    const source = program.getSourceFile(typesPath);
    const moduleSymbol = source === undefined ? undefined : checker.getSymbolAtLocation(source);
    if (moduleSymbol === undefined) throw new Error(`No built declarations at ${typesPath}`);
    return checker
      .getExportsOfModule(moduleSymbol)
      .map((exported) => {
        const target =
          (exported.flags & ts.SymbolFlags.Alias) !== 0
            ? checker.getAliasedSymbol(exported)
            : exported;
        const documentation = ts.displayPartsToString(target.getDocumentationComment(checker));
        return {
          entry,
          name: exported.name,
          kind: kindOf(target),
          summary: firstSentence(documentation),
        };
      })
      .sort((left, right) => left.name.localeCompare(right.name, 'en'));
  });
}

/** The group of one export, or undefined when docs/api-groups.json gives it none. */
export function groupOf(exported: ExportedName, groups: ApiGroups): string | undefined {
  return (
    groups.names[`${exported.entry}#${exported.name}`] ??
    groups.names[exported.name] ??
    groups.entryDefaults[exported.entry]
  );
}

/** The groups without the names no entry point exports any more (they were narrowed away). */
export function withoutGoneNames(groups: ApiGroups, exported: readonly ExportedName[]): ApiGroups {
  const keys = new Set(exported.flatMap((each) => [each.name, `${each.entry}#${each.name}`]));
  const gone = Object.keys(groups.names).filter((key) => !keys.has(key));
  if (gone.length > 0)
    console.log(`docs/api-groups.json: no longer exported, removed: ${gone.join(', ')}`);
  const names = Object.entries(groups.names).filter(([key]) => keys.has(key));
  return { ...groups, names: Object.fromEntries(names) };
}

export function readGroups(): ApiGroups {
  return JSON.parse(readFileSync(groupsPath, 'utf8')) as ApiGroups;
}

const line = (exported: ExportedName): string =>
  `- \`${exported.name}\` (${exported.kind}, \`${exported.entry}\`)` +
  (exported.summary === '' ? ': no TSDoc yet.' : `: ${exported.summary}`);

/** docs/api.md: the exports grouped by audience, one line each. Names without a group fail. */
export function renderApiDoc(exported: readonly ExportedName[], groups: ApiGroups): string {
  const ungrouped = exported.filter((each) => groupOf(each, groups) === undefined);
  if (ungrouped.length > 0) {
    const names = ungrouped.map((each) => `${each.entry}#${each.name}`).join(', ');
    throw new Error(`docs/api-groups.json gives no group to: ${names}. Add each to its "names".`);
  }
  const sections = groups.groups.map(({ name, description }) => {
    const members = exported.filter((each) => groupOf(each, groups) === name);
    return [`## ${name} (${members.length})`, '', description, '', ...members.map(line), ''];
  });
  return [
    '# The public API of @finsam-ledger/core',
    '',
    'Generated from the built `.d.ts` by `pnpm run docs:api` (after `pnpm run build`); the',
    'audience of each name comes from `docs/api-groups.json`. `test/publicApi.int.spec.ts` fails',
    `when this list and the built exports differ. ${exported.length} exports in all.`,
    '',
    ...sections.flat(),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const exported = listExports();
  if (process.argv.includes('--write')) {
    const groups = withoutGoneNames(readGroups(), exported);
    writeFileSync(groupsPath, `${JSON.stringify(groups, null, 2)}\n`);
    writeFileSync(apiDocPath, renderApiDoc(exported, groups));
    console.log(`docs/api.md written: ${exported.length} exports.`);
  } else {
    for (const each of exported) console.log(`${each.entry} ${each.name} ${each.kind}`);
  }
}
