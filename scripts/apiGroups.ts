/**
 * docs/api-groups.json: the audience of every export of every published package, for the
 * lists `scripts/listExports.ts --write` generates (docs/api.md and docs/api-<package>.md).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ExportedName } from './listExports.js';

const root = fileURLToPath(new URL('..', import.meta.url));
export const groupsPath = `${root}docs/api-groups.json`;

/** The audiences of one package's exports. */
export interface ApiGroups {
  /** The audiences in the order the package's list shows them, with one sentence each. */
  readonly groups: readonly { readonly name: string; readonly description: string }[];
  /** The group of every name of an entry point unless `names` says otherwise. */
  readonly entryDefaults: Readonly<Record<string, string>>;
  /** The group of a name (`name`, or `entry#name` when two entry points share it). */
  readonly names: Readonly<Record<string, string>>;
}

/**
 * The whole file: the audiences of each package, by package name. Per package, so that a name
 * two packages export (the adapters' `isStoreClosedError`) is grouped in each on its own.
 */
export interface ApiGroupsFile {
  readonly comment?: string;
  readonly packages: Readonly<Record<string, ApiGroups>>;
}

export function readGroups(): ApiGroupsFile {
  return JSON.parse(readFileSync(groupsPath, 'utf8')) as ApiGroupsFile;
}

/** The audiences of one package; a published package without them fails the generation. */
export function groupsOfPackage(file: ApiGroupsFile, packageName: string): ApiGroups {
  const groups = file.packages[packageName];
  if (groups === undefined)
    throw new Error(
      `docs/api-groups.json gives no audiences to ${packageName}. Add it to its "packages".`,
    );
  return groups;
}

/** The group of one export, or undefined when its package's groups give it none. */
export function groupOf(exported: ExportedName, groups: ApiGroups): string | undefined {
  return (
    groups.names[`${exported.entry}#${exported.name}`] ??
    groups.names[exported.name] ??
    groups.entryDefaults[exported.entry]
  );
}

/** One package's groups without the names it no longer exports (they were narrowed away). */
function withoutGoneNames(groups: ApiGroups, exported: readonly ExportedName[]): ApiGroups {
  const keys = new Set(exported.flatMap((each) => [each.name, `${each.entry}#${each.name}`]));
  const names = Object.entries(groups.names).filter(([key]) => keys.has(key));
  const gone = Object.keys(groups.names).filter((key) => !keys.has(key));
  if (gone.length > 0)
    console.log(`docs/api-groups.json: no longer exported, removed: ${gone.join(', ')}`);
  return { ...groups, names: Object.fromEntries(names) };
}

/** The file without the names each package no longer exports. */
export function withoutGoneNamesOfFile(
  file: ApiGroupsFile,
  exported: readonly ExportedName[],
): ApiGroupsFile {
  const packages = Object.entries(file.packages).map(([packageName, groups]) => {
    const own = exported.filter((each) => each.packageName === packageName);
    return [packageName, withoutGoneNames(groups, own)] as const;
  });
  return { ...file, packages: Object.fromEntries(packages) };
}
