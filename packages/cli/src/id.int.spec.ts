import anyTest, { type ExecutionContext } from 'ava';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventIdFromKey } from '@finsam-ledger/core';
import { runFinsamProcess } from './runCli.testSupport.js';

// `finsam id` as a user runs it: a child process in a fresh temporary directory, with and
// without a förbund there; its ids then given to the lines of an events file that `finsam
// record` records, and records again as a no-op.

const exampleDirectory = fileURLToPath(new URL('../../../examples/norrbacken/', import.meta.url));

/** Each test starts several Node processes: slow on a loaded two-core machine. */
const test = (title: string, body: (t: ExecutionContext) => Promise<void>) =>
  anyTest.serial(title, async (t) => {
    t.timeout(600_000);
    await body(t);
  });

const lowerCaseUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A fresh empty directory, removed when the test ends, and `finsam` run in it. */
async function emptyDirectory(t: ExecutionContext) {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-id-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const run = (...args: string[]) => runFinsamProcess(args, { cwd: directory });
  return { directory, run };
}

/** A fresh directory with Norrbäcken's configuration and the empty store `finsam init` made. */
async function initialisedFörbund(t: ExecutionContext) {
  const förbund = await emptyDirectory(t);
  await copyFile(join(exampleDirectory, 'forbund.json'), join(förbund.directory, 'forbund.json'));
  t.is((await förbund.run('init')).exitCode, 0);
  return förbund;
}

/** The example's first lines (an opening balance, then contributions), each given `eventIds`. */
async function linesWithIds(eventIds: readonly string[]): Promise<string> {
  const lines = (await readFile(join(exampleDirectory, 'events.jsonl'), 'utf8')).split('\n');
  return eventIds
    .map((eventId, index) => JSON.stringify({ ...JSON.parse(lines[index]!), eventId }))
    .join('\n');
}

test('id KEY prints eventIdFromKey(KEY) for each key, the same on every run, in an empty directory: no configuration, no store, no file made', async (t) => {
  const { directory, run } = await emptyDirectory(t);
  const keys = ['fakturor/2025-001', 'alv-2025-001', 'Rad 17 i kalkylarket'];
  const expected = await Promise.all(keys.map((key) => eventIdFromKey(key)));
  const first = await run('id', ...keys);
  t.is(first.exitCode, 0, first.stderr);
  t.is(first.stderr, '');
  t.is(first.stdout, expected.map((eventId) => `${eventId}\n`).join(''));
  for (const eventId of expected) t.regex(eventId, lowerCaseUuid);
  t.is((await run('id', ...keys)).stdout, first.stdout);
  t.deepEqual(await readdir(directory), []);
  const json = await run('id', '--format', 'json', ...keys);
  t.is(json.exitCode, 0, json.stderr);
  t.deepEqual(
    json.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown),
    keys.map((key, index) => ({ key, eventId: expected[index] })),
  );
});

test('a line given the id of its key records, and records again as a no-op', async (t) => {
  const { directory, run } = await initialisedFörbund(t);
  const made = await run('id', 'norrbacken/ingaende-balans/2024');
  t.is(made.exitCode, 0, made.stderr);
  const eventId = made.stdout.trimEnd();
  t.is(eventId, await eventIdFromKey('norrbacken/ingaende-balans/2024'));
  await writeFile(join(directory, 'events.jsonl'), await linesWithIds([eventId]));
  const recorded = await run('record', 'events.jsonl');
  t.is(recorded.exitCode, 0, recorded.stderr);
  t.regex(recorded.stdout, /^recorded 1 event from events\.jsonl for norrbacken/);
  const again = await run('record', 'events.jsonl');
  t.is(again.exitCode, 0, again.stderr);
  t.regex(
    again.stdout,
    /^the event of events\.jsonl was already recorded; nothing new was written/,
  );
  t.regex((await run('verify')).stdout, /intact: 1 events/);
  const listed = (await run('events')).stdout;
  t.is((JSON.parse(listed.trimEnd()) as { eventId: string }).eventId, eventId);
});

test('id --new 3 prints three distinct new ids that record takes; id alone prints one', async (t) => {
  const { directory, run } = await initialisedFörbund(t);
  const fresh = await run('id', '--new', '3');
  t.is(fresh.exitCode, 0, fresh.stderr);
  t.is(fresh.stderr, '');
  const eventIds = fresh.stdout.trimEnd().split('\n');
  t.is(eventIds.length, 3);
  t.is(new Set(eventIds).size, 3);
  for (const eventId of eventIds) t.regex(eventId, lowerCaseUuid);
  await writeFile(join(directory, 'events.jsonl'), await linesWithIds(eventIds));
  const recorded = await run('record', 'events.jsonl');
  t.is(recorded.exitCode, 0, recorded.stderr);
  t.regex(recorded.stdout, /^recorded 3 events from events\.jsonl/);
  t.regex((await run('record', 'events.jsonl')).stdout, /were already recorded; nothing new/);
  const one = await run('id');
  t.is(one.exitCode, 0, one.stderr);
  t.regex(one.stdout, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\n$/);
  t.false(eventIds.includes(one.stdout.trimEnd()));
  const json = await run('id', '--new', '2', '--format', 'json');
  const objects = json.stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { eventId: string });
  t.is(objects.length, 2);
  for (const object of objects) t.deepEqual(Object.keys(object), ['eventId']);
});

test('usage errors of id exit 2 naming what is allowed, and print no id', async (t) => {
  const { run } = await emptyDirectory(t);
  const cases: [string[], RegExp][] = [
    [['id', '--new', '0'], /"0" is not a number of ids: give a whole number from 1 to 10000/],
    [['id', '--new', 'abc'], /"abc" is not a number of ids/],
    [['id', '--new', '10001'], /"10001" is not a number of ids/],
    [['id', '--new', '2.5'], /"2\.5" is not a number of ids/],
    [['id', 'faktura-1', '--new', '2'], /error: give keys or --new, not both/],
    [['id', 'faktura-1', ''], /error: key 2 is empty: a key names one event/],
    [['id', '  '], /error: key 1 is empty/],
    [['id', '--format', 'csv'], /Allowed choices are text, json\./],
  ];
  for (const [args, message] of cases) {
    const result = await run(...args);
    t.is(result.exitCode, 2, args.join(' '));
    t.regex(result.stderr, message, args.join(' '));
    t.is(result.stdout, '', args.join(' '));
  }
});

test('a key holding a personnummer is refused, exit 1, without printing the number or any id', async (t) => {
  const { run } = await emptyDirectory(t);
  const refused = await run('id', 'faktura-1', 'deltagare 19121212-1212');
  t.is(refused.exitCode, 1);
  t.is(refused.stdout, '');
  t.regex(
    refused.stderr,
    /^PERSONNUMMER_REFUSED: key 2 holds digits shaped like a Swedish personnummer/,
  );
  t.false(refused.stderr.includes('1212'));
});

test('record of a line whose eventId is not a lower-case UUID, or holds a personnummer, hints at finsam id', async (t) => {
  const { directory, run } = await initialisedFörbund(t);
  const hint =
    /\nRefused: nothing was written\.\nhint: an eventId is a lower-case UUID without digits shaped like a personnummer\. Make one with finsam id KEY, from a key of your own such as an invoice number \(the same id every time for the same key\), or finsam id --new for a new random one\.\n$/;
  const cases: [string, RegExp][] = [
    ['alv-2025-001', /^line 1: INVALID_EVENT: .*eventId must be a lower-case UUID/],
    ['4E6F7262-0000-4000-8000-000000000001', /^line 1: INVALID_EVENT: .*lower-case UUID/],
    [
      '19121212-1212-4000-8000-000000000001',
      /^line 1: PERSONNUMMER_REFUSED: .*eventId: looks like/,
    ],
  ];
  for (const [eventId, refusal] of cases) {
    await writeFile(join(directory, 'events.jsonl'), await linesWithIds([eventId]));
    const refused = await run('record', 'events.jsonl');
    t.is(refused.exitCode, 1, eventId);
    t.is(refused.stdout, '', eventId);
    t.regex(refused.stderr, refusal, eventId);
    t.regex(refused.stderr, hint, eventId);
  }
  // Other refusals of a line are not about its id's shape: no such hint.
  await writeFile(join(directory, 'events.jsonl'), '{"type": "KostnadBokförd"}');
  const other = await run('record', 'events.jsonl');
  t.is(other.exitCode, 1);
  t.false(other.stderr.includes('finsam id'));
  t.regex((await run('verify')).stdout, /intact: 0 events/);
});
