/**
 * The public API lists in docs/: docs/api.md for @finsam-ledger/core, which also links the
 * others, and docs/api-<package>.md for every other published package. One line per export:
 * name, kind, entry point and the first sentence of its TSDoc, grouped by audience.
 */
import { groupOf, groupsOfPackage, type ApiGroups, type ApiGroupsFile } from './apiGroups.js';
import type { ExportedName } from './listExports.js';

const corePackage = '@finsam-ledger/core';

/** One generated list: its path relative to the repository and its text. */
export interface ApiDoc {
  readonly path: string;
  readonly text: string;
}

/** Core's list keeps the name every reference uses; the others are named after the package. */
export const apiDocPath = (packageName: string): string =>
  packageName === corePackage ? 'docs/api.md' : `docs/api-${packageName.split('/').pop()}.md`;

/** A generated list's file name in docs/, for finding lists of packages that are gone. */
export const isApiDocFileName = (fileName: string): boolean =>
  /^api(-[a-z0-9-]+)?\.md$/.test(fileName);

const line = (exported: ExportedName): string =>
  `- \`${exported.name}\` (${exported.kind}, \`${exported.entry}\`)` +
  (exported.summary === '' ? ': no TSDoc yet.' : `: ${exported.summary}`);

/** The sections of one package's list, one per audience. Names without a group fail. */
function sections(exported: readonly ExportedName[], groups: ApiGroups): string[] {
  const ungrouped = exported.filter((each) => groupOf(each, groups) === undefined);
  if (ungrouped.length > 0) {
    const names = ungrouped.map((each) => `${each.entry}#${each.name}`).join(', ');
    throw new Error(`docs/api-groups.json gives no group to: ${names}. Add each to its "names".`);
  }
  return groups.groups.flatMap(({ name, description }) => {
    const members = exported.filter((each) => groupOf(each, groups) === name);
    return [`## ${name} (${members.length})`, '', description, '', ...members.map(line), ''];
  });
}

/**
 * Core's list links the others' lists, so that docs/api.md leads to every package. Without
 * their counts: a change to another package's exports changes its own list only.
 */
function otherLists(packageNames: readonly string[]): string[] {
  const others = packageNames.filter((name) => name !== corePackage);
  if (others.length === 0) return [];
  return [
    'The other published packages have a list each, made the same way:',
    '',
    ...others.map((name) => `- [\`${name}\`](${apiDocPath(name).slice('docs/'.length)})`),
    '',
  ];
}

/** One package's list. `exported` holds every package's exports (core's list counts them). */
export function renderApiDoc(
  packageName: string,
  exported: readonly ExportedName[],
  file: ApiGroupsFile,
): string {
  const own = exported.filter((each) => each.packageName === packageName);
  const packageNames = [...new Set(exported.map((each) => each.packageName))];
  return [
    `# The public API of ${packageName}`,
    '',
    'Generated from the built `.d.ts` by `pnpm run docs:api` (after `pnpm run build`); the',
    'audience of each name comes from `docs/api-groups.json`. `test/publicApi.int.spec.ts` fails',
    `when this list and the built exports differ. ${own.length} exports in all.`,
    '',
    ...(packageName === corePackage
      ? otherLists(packageNames)
      : ['The other packages: [docs/api.md](api.md).', '']),
    ...sections(own, groupsOfPackage(file, packageName)),
  ].join('\n');
}

/** Every published package's list, in the order of `exported`. */
export function renderApiDocs(exported: readonly ExportedName[], file: ApiGroupsFile): ApiDoc[] {
  const packageNames = [...new Set(exported.map((each) => each.packageName))];
  return packageNames.map((packageName) => ({
    path: apiDocPath(packageName),
    text: renderApiDoc(packageName, exported, file),
  }));
}
