/**
 * The public API of every published package as built: every name each entry point of each
 * package under packages/ that is not private exports (`.`, and any subpath its `exports` map
 * adds, such as core's `./store` and `./testing`), read from the built `.d.ts` with the
 * TypeScript compiler, with its kind and the first sentence of its TSDoc.
 *
 *   tsx scripts/listExports.ts            prints `entry name kind`, sorted
 *   tsx scripts/listExports.ts --write    writes docs/api.md (core, and links to the rest) and
 *                                         docs/api-<package>.md, grouped by docs/api-groups.json
 *
 * Needs a build (`pnpm run build`). test/publicApi.int.spec.ts fails when a list and the
 * built exports differ.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { endQuietlyOnClosedPipe } from '../packages/cli/src/writeOutput.js';
import { groupsPath, readGroups, withoutGoneNamesOfFile } from './apiGroups.js';
import { apiDocPath, isApiDocFileName, renderApiDocs } from './renderApiDoc.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const packagesPath = `${root}packages/`;

/** One exported name of one entry point. */
export interface ExportedName {
  /** The package: `@finsam-ledger/core`. */
  readonly packageName: string;
  /** The import specifier: `@finsam-ledger/core` or `@finsam-ledger/core/testing`. */
  readonly entry: string;
  readonly name: string;
  readonly kind: string;
  /** The first sentence of its TSDoc, or '' when it has none. */
  readonly summary: string;
}

interface PackageManifest {
  readonly name: string;
  readonly private?: boolean;
  readonly exports?: Record<string, string | { import?: { types?: string } }>;
}

/** One entry point of a published package and its built `.d.ts`. */
export interface EntryPoint {
  readonly packageName: string;
  readonly entry: string;
  readonly typesPath: string;
}

/** The built `.d.ts` of each subpath of one package, from its `exports` map. */
function entryPointsOf(directory: string, manifest: PackageManifest): EntryPoint[] {
  return Object.entries(manifest.exports ?? {}).flatMap(([subpath, conditions]) => {
    const types = typeof conditions === 'string' ? undefined : conditions.import?.types;
    if (types === undefined) return [];
    const entry = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
    return [{ packageName: manifest.name, entry, typesPath: `${directory}${types.slice(2)}` }];
  });
}

/**
 * Every entry point of every package a user can install (not `private`), core's first, then
 * by package name: the packages/ folder, not a list here, so that a new package is listed too.
 */
export function entryPoints(): EntryPoint[] {
  return readdirSync(packagesPath, { withFileTypes: true })
    .filter((each) => each.isDirectory())
    .map((each) => {
      const directory = `${packagesPath}${each.name}/`;
      const manifest = JSON.parse(
        readFileSync(`${directory}package.json`, 'utf8'),
      ) as PackageManifest;
      return { directory, manifest };
    })
    .filter(({ manifest }) => manifest.private !== true)
    .sort((left, right) => packageOrder(left.manifest.name, right.manifest.name))
    .flatMap(({ directory, manifest }) => entryPointsOf(directory, manifest));
}

const packageOrder = (left: string, right: string): number =>
  Number(right === '@finsam-ledger/core') - Number(left === '@finsam-ledger/core') ||
  left.localeCompare(right, 'en');

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

/**
 * Where the first sentence ends: the first `.` or `:` before a space or the end that is outside
 * parentheses and code, so that "(e.g. `x`)", "(BFL 5 kap. 1 §)" or "(default: today)" do not
 * cut it; -1 when there is none.
 */
function sentenceEnd(text: string): number {
  let depth = 0;
  let inCode = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '`') inCode = !inCode;
    if (inCode) continue;
    if (char === '(') depth += 1;
    if (char === ')') depth = Math.max(0, depth - 1);
    const endsHere = (char === '.' || char === ':') && /^\s?$/.test(text[index + 1] ?? '');
    if (endsHere && depth === 0) return index;
  }
  return -1;
}

/**
 * The first sentence of a TSDoc comment, on one line. A text whose parentheses never close
 * falls back to the first `.` or `:` anywhere, so that one stray `(` does not list it whole.
 */
export function firstSentence(documentation: string): string {
  const text = documentation
    .replace(/\{@link\s+([^}|\s]+)[^}]*\}/g, '`$1`')
    .replace(/\s+/g, ' ')
    .trim();
  const end = sentenceEnd(text);
  const fallback = text.search(/[.:](\s|$)/);
  if (end !== -1) return text.slice(0, end + 1);
  return fallback === -1 ? text : text.slice(0, fallback + 1);
}

/**
 * Every name the built entry points export, by entry point and sorted by name. The program
 * resolves packages as a bundler does (`exports` maps, `types` condition), so that a name one
 * package re-exports from another (adapter-memory's `getInMemoryEventStore`) has its kind and
 * TSDoc.
 */
export function listExports(entries: readonly EntryPoint[] = entryPoints()): ExportedName[] {
  const program = ts.createProgram(
    entries.map(({ typesPath }) => typesPath),
    {
      noEmit: true,
      skipLibCheck: true,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
    },
  );
  const checker = program.getTypeChecker();
  return entries.flatMap(({ packageName, entry, typesPath }) => {
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
          packageName,
          entry,
          name: exported.name,
          kind: kindOf(target),
          summary: firstSentence(documentation),
        };
      })
      .sort((left, right) => left.name.localeCompare(right.name, 'en'));
  });
}

/** Writes every list and the groups without gone names; removes lists of packages now gone. */
function writeApiDocs(exported: readonly ExportedName[]): void {
  const groups = withoutGoneNamesOfFile(readGroups(), exported);
  writeFileSync(groupsPath, `${JSON.stringify(groups, null, 2)}\n`);
  const docs = renderApiDocs(exported, groups);
  for (const doc of docs) writeFileSync(`${root}${doc.path}`, doc.text);
  const written = new Set(docs.map((doc) => doc.path));
  for (const fileName of readdirSync(`${root}docs`).filter(isApiDocFileName))
    if (!written.has(`docs/${fileName}`)) {
      rmSync(`${root}docs/${fileName}`);
      console.log(`docs/${fileName} removed: no published package has that list.`);
    }
  for (const doc of docs)
    console.log(
      `${doc.path} written: ${exported.filter((each) => doc.path === apiDocPath(each.packageName)).length} exports.`,
    );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // `| head` closes stdout early: the script ends quietly, as `cat` does, and any other error of
  // stdout is still thrown. Everything the script does is synchronous, and the error is emitted a
  // tick after the write that met it, so every file is written before the script ends.
  endQuietlyOnClosedPipe(process.stdout);
  const exported = listExports();
  if (process.argv.includes('--write')) writeApiDocs(exported);
  else for (const each of exported) console.log(`${each.entry} ${each.name} ${each.kind}`);
}
