import test from 'ava';
import {
  compareWithAllowlist,
  functionName,
  toEntries,
  type Violation,
} from '../scripts/lintAllowlist.js';

const longFunction = (file: string, name: string, line: number): Violation => ({
  file,
  rule: 'eslint/max-lines-per-function',
  name,
  line,
  message: `${name} has too many lines (80). Maximum allowed is 70.`,
});

const longLine = (file: string, line: number): Violation => ({
  file,
  rule: 'eslint/@stylistic/max-len',
  line,
  message: 'This line has a length of 120. Maximum allowed is 100.',
});

test('a named function keeps its name; an anonymous one is named by its first line', (t) => {
  t.is(
    functionName("Async function 'appendNow' has too many lines (175). Maximum allowed is 70.", ''),
    "Async function 'appendNow'",
  );
  t.is(
    functionName(
      'Arrow function has a complexity of 21. Maximum allowed is 15.',
      '  void (() => {',
    ),
    'Arrow function at `void (() => {`',
  );
  t.is(functionName('This line has a length of 120. Maximum allowed is 100.', 'x'), undefined);
});

test('function rules get one entry per function; line rules one per file with a count', (t) => {
  const entries = toEntries([
    longFunction('b.ts', "Function 'f'", 10),
    longLine('a.ts', 3),
    longLine('a.ts', 9),
    longFunction('b.ts', "Function 'g'", 90),
  ]);
  t.deepEqual(entries, [
    { file: 'a.ts', rule: 'eslint/@stylistic/max-len', count: 2 },
    { file: 'b.ts', rule: 'eslint/max-lines-per-function', name: "Function 'f'", count: 1 },
    { file: 'b.ts', rule: 'eslint/max-lines-per-function', name: "Function 'g'", count: 1 },
  ]);
});

test('an allowlisted violation passes even when its lines move', (t) => {
  const allowlist = toEntries([longFunction('b.ts', "Function 'f'", 10), longLine('a.ts', 3)]);
  const comparison = compareWithAllowlist(
    [longFunction('b.ts', "Function 'f'", 40), longLine('a.ts', 30)],
    allowlist,
  );
  t.deepEqual(comparison, { added: [], stale: [] });
});

test('a new long function or one more long line in a file fails', (t) => {
  const allowlist = toEntries([longFunction('b.ts', "Function 'f'", 10), longLine('a.ts', 3)]);
  const comparison = compareWithAllowlist(
    [
      longFunction('b.ts', "Function 'f'", 10),
      longFunction('b.ts', "Function 'h'", 50),
      longLine('a.ts', 3),
      longLine('a.ts', 4),
    ],
    allowlist,
  );
  t.deepEqual(
    comparison.added.map(({ entry, allowed, found }) => [
      entry.rule,
      entry.name,
      allowed,
      found.length,
    ]),
    [
      ['eslint/@stylistic/max-len', undefined, 1, 2],
      ['eslint/max-lines-per-function', "Function 'h'", 0, 1],
    ],
  );
  t.deepEqual(comparison.stale, []);
});

test('an entry that no longer violates is stale, so the allowlist must shrink', (t) => {
  const allowlist = toEntries([
    longFunction('b.ts', "Function 'f'", 10),
    longLine('a.ts', 3),
    longLine('a.ts', 4),
  ]);
  const comparison = compareWithAllowlist([longLine('a.ts', 3)], allowlist);
  t.deepEqual(comparison.added, []);
  t.deepEqual(comparison.stale, [
    { entry: { file: 'a.ts', rule: 'eslint/@stylistic/max-len', count: 2 }, found: 1 },
    {
      entry: {
        file: 'b.ts',
        rule: 'eslint/max-lines-per-function',
        name: "Function 'f'",
        count: 1,
      },
      found: 0,
    },
  ]);
});
