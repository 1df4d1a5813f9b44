/**
 * The allowlist of lint violations that were there before the limits were enforced. It only
 * shrinks: a violation not on it fails the lint, and so does an entry that no longer
 * violates (the list must be regenerated, smaller). Pure functions: scripts/lint.ts runs the
 * tools and does the reading and writing.
 */

/** One violation found by a tool, at a place in a file. */
export interface Violation {
  /** Path relative to the repository root, with forward slashes. */
  readonly file: string;
  /** `eslint/<rule id>` or `dependency-cruiser/<rule name>`. */
  readonly rule: string;
  /** What the violation is about, stable when lines move: a function, an import target. */
  readonly name?: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/** One allowlisted outlier: `count` violations of `rule` in `file` (about `name`, if any). */
export interface AllowlistEntry {
  readonly file: string;
  readonly rule: string;
  readonly name?: string;
  readonly count: number;
}

/** The committed allowlist file. */
export interface Allowlist {
  readonly comment: string;
  readonly entries: readonly AllowlistEntry[];
}

/** The outcome of comparing what the tools found with the allowlist. */
export interface AllowlistComparison {
  /** Violations of a file, rule and name found more often than allowed, with their places. */
  readonly added: readonly { entry: AllowlistEntry; allowed: number; found: Violation[] }[];
  /** Entries that allow more than is found: the allowlist must shrink. */
  readonly stale: readonly { entry: AllowlistEntry; found: number }[];
}

/** Rules that are about a whole function: their entries name the function. */
const functionRules = new Set(['eslint/max-lines-per-function', 'eslint/complexity']);

/**
 * The name that identifies a function-level violation across edits that move lines: ESLint's
 * own description ("Async function 'appendNow'"), and for an anonymous function the trimmed
 * source line it starts on.
 */
export function functionName(message: string, sourceLine: string): string | undefined {
  const match = /^(.+?) has (?:too many lines|a complexity)/.exec(message);
  if (match === null) return undefined;
  const described = match[1] ?? '';
  if (described.includes("'")) return described;
  return `${described} at \`${sourceLine.trim().slice(0, 80)}\``;
}

/** Whether a violation may be allowlisted at all (a parse error or a stray directive may not). */
export function isAllowlistable(violation: Violation): boolean {
  return violation.rule !== 'eslint/null' && violation.rule !== 'eslint/undefined';
}

const keyOf = (entry: { file: string; rule: string; name?: string | undefined }): string =>
  JSON.stringify([entry.file, entry.rule, entry.name ?? null]);

const compareEntries = (left: AllowlistEntry, right: AllowlistEntry): number =>
  left.file.localeCompare(right.file, 'en') ||
  left.rule.localeCompare(right.rule, 'en') ||
  (left.name ?? '').localeCompare(right.name ?? '', 'en');

/**
 * Groups violations into allowlist entries: one per function for function-level rules, one
 * per import target or cycle for dependency rules, one per file and rule (with a count) for
 * line-level rules such as line length.
 */
export function toEntries(violations: readonly Violation[]): AllowlistEntry[] {
  const counts = new Map<string, AllowlistEntry>();
  for (const violation of violations) {
    const keepsName = functionRules.has(violation.rule) || violation.rule.startsWith('dep');
    const name = keepsName ? violation.name : undefined;
    const base = { file: violation.file, rule: violation.rule, ...(name ? { name } : {}) };
    const key = keyOf(base);
    counts.set(key, { ...base, count: (counts.get(key)?.count ?? 0) + 1 });
  }
  return [...counts.values()].sort(compareEntries);
}

/** Compares the violations found now with the allowlist. */
export function compareWithAllowlist(
  violations: readonly Violation[],
  allowlist: readonly AllowlistEntry[],
): AllowlistComparison {
  const found = toEntries(violations);
  const allowedByKey = new Map(allowlist.map((entry) => [keyOf(entry), entry.count]));
  const foundByKey = new Map(found.map((entry) => [keyOf(entry), entry.count]));
  const added = found
    .filter((entry) => entry.count > (allowedByKey.get(keyOf(entry)) ?? 0))
    .map((entry) => ({
      entry,
      allowed: allowedByKey.get(keyOf(entry)) ?? 0,
      found: violations.filter((violation) => keyOf(toEntries([violation])[0]!) === keyOf(entry)),
    }));
  const stale = allowlist
    .filter((entry) => entry.count > (foundByKey.get(keyOf(entry)) ?? 0))
    .map((entry) => ({ entry, found: foundByKey.get(keyOf(entry)) ?? 0 }));
  return { added, stale };
}

/** How many entries and violations the allowlist holds, per rule, for the lint's summary. */
export function summarise(entries: readonly AllowlistEntry[]): string {
  const byRule = new Map<string, { entries: number; violations: number }>();
  for (const entry of entries) {
    const sum = byRule.get(entry.rule) ?? { entries: 0, violations: 0 };
    byRule.set(entry.rule, { entries: sum.entries + 1, violations: sum.violations + entry.count });
  }
  const lines = [...byRule.entries()]
    .sort(([left], [right]) => left.localeCompare(right, 'en'))
    .map(([rule, sum]) => `  ${rule}: ${sum.entries} entries, ${sum.violations} violations`);
  const total = entries.reduce((sum, entry) => sum + entry.count, 0);
  return [`${entries.length} allowlist entries (${total} violations):`, ...lines].join('\n');
}
