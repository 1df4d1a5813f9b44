import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Issue 14's acceptance: each numbered item has a test named after it, and
// docs/adapter-file.md states what the store promises and how each promise is tested. These
// tests keep both true: a test renamed or removed fails here until the page says so.

const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));
const read = (path: string): string => readFileSync(join(repositoryRoot, path), 'utf8');

/** The text of a `## ` section, up to the next one. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}`);
  if (start < 0) throw new Error(`no section ${title}`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** The rows of the first table of a section, as arrays of trimmed cells. */
function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .slice(1)
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

/** The files under `folder` (a path from the repository root), without dependencies and builds. */
function filesUnder(folder: string): string[] {
  return readdirSync(join(repositoryRoot, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (!entry.isDirectory()) return [path];
    return entry.name === 'node_modules' || entry.name === 'dist' ? [] : filesUnder(path);
  });
}

/** Every test source of the repository: spec files, and the shared conformance cases. */
function testSources(): ReadonlyArray<{ path: string; text: string }> {
  return ['packages', 'examples', 'docs', 'test']
    .flatMap(filesUnder)
    .filter((path) => path.endsWith('.spec.ts') || path.endsWith('eventStoreConformance.ts'))
    .map((path) => ({ path, text: read(path) }));
}

test('issue 14 acceptance: each numbered item has a test whose title starts "issue 14 item N:"', (t) => {
  // A title is a string literal: 'issue 14 item 6: …', `issue 14 item 2: ${…}`, or a prefix
  // such as `[issue 14 item 13: ${client}] ` put before each case it runs again.
  const titled = new Set<number>();
  for (const { text } of testSources()) {
    for (const match of text.matchAll(/['`]\[?issue 14 item (\d+):/g)) titled.add(Number(match[1]));
  }
  const items = Array.from({ length: 14 }, (_, index) => index + 1);
  t.deepEqual(
    items.filter((item) => !titled.has(item)),
    [],
  );
});

test('issue 14 acceptance: every test docs/adapter-file.md names for a promise exists under that name', (t) => {
  const rows = tableRows(
    section(
      read('docs/adapter-file.md'),
      'What the store promises, and how each promise is tested',
    ),
  );
  t.true(rows.length >= 10, `${rows.length} promises`);
  for (const [promise, tested] of rows) {
    // Cells name a file in backticks (under packages/adapter-file/src/ unless it has a
    // folder) and, after it, the title of a test in it, or its start, in double quotes.
    const citations = [...tested!.matchAll(/`([^`]+\.ts)`((?:\s*"[^"]+")+)/g)];
    t.true(citations.length > 0, `${promise}: names a test file and a title`);
    for (const [, file, titles] of citations) {
      const path = file!.includes('/') ? file! : `packages/adapter-file/src/${file}`;
      const text = read(path);
      for (const [, title] of titles!.matchAll(/"([^"]+)"/g))
        t.true(text.includes(title!.replace(/…$/, '')), `${promise}: ${path} has "${title}"`);
    }
  }
});
