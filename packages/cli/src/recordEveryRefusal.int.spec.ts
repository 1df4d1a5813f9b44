import anyTest, { type ExecutionContext } from 'ava';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFinsamProcess } from './runCli.testSupport.js';

// `finsam record` as a user runs it (a child process in a fresh temporary directory holding
// Norrbäcken's configuration and store): a file with every kind of problem is refused naming
// every refused line with each of its reasons in one run, a refused dry run says it was one, and
// a line recorded before with other metadata is named, not recorded again.

const exampleDirectory = fileURLToPath(new URL('../../../examples/norrbacken/', import.meta.url));

/** Each test starts several Node processes: slow on a loaded two-core machine. */
const test = (title: string, body: (t: ExecutionContext) => Promise<void>) =>
  anyTest.serial(title, async (t) => {
    t.timeout(600_000);
    await body(t);
  });

interface Line {
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  eventId?: string;
}

/** The example's events file, a line each. */
const exampleLines = async (): Promise<Line[]> =>
  (await readFile(join(exampleDirectory, 'events.jsonl'), 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Line);

/**
 * A fresh directory with Norrbäcken's configuration, the store `finsam init` made, and the
 * example's first 8 lines recorded (the opening balance, contributions, two enrolments).
 */
async function förbundWithEightEvents(t: ExecutionContext) {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-refusals-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const run = (...args: string[]) => runFinsamProcess(args, { cwd: directory });
  await copyFile(join(exampleDirectory, 'forbund.json'), join(directory, 'forbund.json'));
  t.is((await run('init')).exitCode, 0);
  const lines = await exampleLines();
  const write = (name: string, fileLines: readonly Line[]) =>
    writeFile(join(directory, name), fileLines.map((line) => JSON.stringify(line)).join('\n'));
  await write('first.jsonl', lines.slice(0, 8));
  const recorded = await run('record', 'first.jsonl');
  t.is(recorded.exitCode, 0, recorded.stderr);
  const store = () => readFile(join(directory, 'finsam.jsonl'));
  return { run, lines, write, store };
}

/** The heads of the refusals printed: `2 INVALID_AMOUNT`, in the order printed. */
const refusalHeads = (stderr: string): string[] =>
  [...stderr.matchAll(/^line (\d+): ([A-Z_]+):/gm)].map(([, line, code]) => `${line} ${code}`);

test('record names every refused line with each of its reasons in one run, the first rule refusal among the other lines, and what the rules did not check; nothing is written', async (t) => {
  const { run, lines, write, store } = await förbundWithEightEvents(t);
  const contribution = lines[1]!;
  const withData = (data: Record<string, unknown>, eventId?: string): Line => {
    const { eventId: _id, ...line } = contribution;
    return {
      ...line,
      data: { ...contribution.data, datum: '2024-02-28', ...data },
      ...(eventId === undefined ? {} : { eventId }),
    };
  };
  const payment = lines.find((line) => line.type === 'LeverantörsskuldBetald')!;
  const file: Line[] = [
    withData({ belopp: '10.00' }, '4e6f7262-0000-4000-8000-0000000000a1'),
    // Two reasons on one line: a number for an amount, and a date after its recording.
    withData({ belopp: 1.5, datum: '2099-01-01' }, '4e6f7262-0000-4000-8000-0000000000a2'),
    // A booking given the id of the recorded enrolment of line 7.
    withData({ belopp: '30.00' }, lines[6]!.eventId),
    // The rules of the books: a payment of a payable the books do not hold.
    { ...payment, data: { ...payment.data, datum: '2024-05-01' } },
    // The example's line 2 again, without its id: a repeat of the recorded event.
    withData({ datum: contribution.data['datum'] }),
    // The example's line 3 with its id and another amount: a recorded event changed.
    { ...lines[2]!, data: { ...lines[2]!.data, belopp: '999.00' } },
    withData({ belopp: '70.00' }, '4e6f7262-0000-4000-8000-0000000000a7'),
  ];
  await write('problems.jsonl', file);
  const before = await store();
  for (const dryRun of [[], ['--dry-run']]) {
    const refused = await run('record', 'problems.jsonl', ...dryRun);
    t.is(refused.exitCode, 1, refused.stderr);
    t.is(refused.stdout, '');
    t.deepEqual(refusalHeads(refused.stderr), [
      '2 DATE_AFTER_RECORDING',
      '2 INVALID_AMOUNT',
      '3 EVENT_ID_CONFLICT',
      '4 OPEN_ITEM_NOT_FOUND',
      '5 EVENT_ALREADY_RECORDED',
      '6 EVENT_ID_CONFLICT',
    ]);
    t.regex(refused.stderr, /^line 3: [^\n]*is a participant event's, recorded in the register/m);
    t.regex(
      refused.stderr,
      /^line 6: [^\n]*data\.belopp is "999\.00" here, "500000\.00" recorded/m,
    );
    t.regex(
      refused.stderr,
      /\n5 lines refused\.\nnote: line 4 was checked against the rules of the books without the refused lines 2 and 3 before it: its refusal may follow from those lines left out\.\nnote: line 7 was not checked against the rules of the books: each line is checked against the books as the lines before it leave them, and the check stops at the first line they refuse, line 4\.\n/,
    );
    // A hint for each kind of refusal that has one.
    t.regex(refused.stderr, /^hint: an eventId names one event, /m);
    t.regex(refused.stderr, /^hint: a line without an eventId repeats what the books hold/m);
    t.regex(refused.stderr, /^hint: what is recorded is never changed\. /m);
    t.deepEqual(await store(), before, 'nothing was written');
  }
  // With every line but the payment put right, the payment is what is left, and the line after
  // it still waits for the rules.
  await write('problems.jsonl', [file[0]!, file[3]!, file[6]!]);
  const rule = await run('record', 'problems.jsonl');
  t.is(rule.exitCode, 1);
  t.deepEqual(refusalHeads(rule.stderr), ['2 OPEN_ITEM_NOT_FOUND']);
  t.regex(
    rule.stderr,
    /\nnote: line 3 was not checked against the rules of the books: .* line 2\.\nRefused: nothing was written\.\n$/,
  );
  await write('problems.jsonl', [file[0]!, file[6]!]);
  const recorded = await run('record', 'problems.jsonl');
  t.is(recorded.exitCode, 0, recorded.stderr);
  t.regex(recorded.stdout, /^recorded 2 events from problems\.jsonl /);
});

test('a refused dry run says it was one, and that the file would be refused the same without it; the exit code is the refusal', async (t) => {
  const { run, lines, write, store } = await förbundWithEightEvents(t);
  const payment = lines.find((line) => line.type === 'LeverantörsskuldBetald')!;
  await write('payment.jsonl', [{ ...payment, data: { ...payment.data, datum: '2024-05-01' } }]);
  const before = await store();
  const dry = await run('record', 'payment.jsonl', '--dry-run');
  t.is(dry.exitCode, 1);
  t.is(dry.stdout, '');
  t.regex(dry.stderr, /^line 1: OPEN_ITEM_NOT_FOUND: /);
  t.regex(
    dry.stderr,
    /\nRefused, in a dry run \(--dry-run\): nothing was written, and a dry run writes nothing anyway; without --dry-run the file would be refused the same\.\n$/,
  );
  const real = await run('record', 'payment.jsonl');
  t.is(real.exitCode, dry.exitCode);
  t.regex(real.stderr, /\nRefused: nothing was written\.\n$/);
  t.notRegex(real.stderr, /dry run/);
  // A file that cannot be read at all is refused as a dry run too.
  const missing = await run('record', 'saknas.jsonl', '--dry-run');
  t.is(missing.exitCode, 1);
  t.regex(missing.stderr, /^IO_ERROR: Cannot read the events file saknas\.jsonl: /);
  t.regex(missing.stderr, /\nRefused, in a dry run \(--dry-run\): nothing was written, /);
  t.deepEqual(await store(), before, 'nothing was written');
});

test('a line recorded before whose metadata alone differs is already recorded, not recorded again: the run names what differs, and the recorded event stands', async (t) => {
  const { run, lines, write, store } = await förbundWithEightEvents(t);
  const newLine = (eventId: string): Line => ({
    ...lines[1]!,
    data: { ...lines[1]!.data, datum: '2024-02-28', belopp: '10.00' },
    eventId,
  });
  const again: Line[] = [
    lines[0]!,
    { ...lines[1]!, metadata: { recordedBy: 'kassor@norrbacken.example' } },
    { ...lines[2]!, metadata: { ...lines[2]!.metadata, recordedAt: '2024-02-01T10:00:00.000Z' } },
    newLine('4e6f7262-0000-4000-8000-0000000000b4'),
  ];
  await write('again.jsonl', again);
  const recordedAt = (
    JSON.parse((await run('events')).stdout.split('\n')[2]!) as { metadata: { recordedAt: string } }
  ).metadata.recordedAt;
  const note = `note: 2 lines give other metadata than the events recorded under their eventIds, which stand as they were recorded: an event's type and data make it, and recording it again changes nothing.
  line 2 (bokforing-norrbacken@1): metadata.recordedBy is "kassor@norrbacken.example" here, "ekonom@norrbacken.example" recorded
  line 3 (bokforing-norrbacken@2): metadata.recordedAt is "2024-02-01T10:00:00.000Z" here, "${recordedAt}" recorded
`;
  const before = await store();
  const dry = await run('record', 'again.jsonl', '--dry-run');
  t.is(dry.exitCode, 0, dry.stderr);
  t.is(
    dry.stdout,
    `dry run: 1 new event of again.jsonl passes the rules; the other 3 were recorded before (the same eventId, type and data) and are left as they are; nothing was written.\n${note}`,
  );
  t.deepEqual(await store(), before, 'nothing was written');
  const recorded = await run('record', 'again.jsonl');
  t.is(recorded.exitCode, 0, recorded.stderr);
  t.regex(
    recorded.stdout,
    /^recorded 1 new event from again\.jsonl for norrbacken \(\S+\); the other 3 were recorded before /,
  );
  t.true(recorded.stdout.endsWith(`are left as they are.\n${note}`), recorded.stdout);
  const stored = (await run('events')).stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { eventId: string; metadata: Record<string, unknown> });
  t.is(stored.length, 9, 'only the new line was written');
  t.is(stored[1]!.metadata['recordedBy'], 'ekonom@norrbacken.example', 'the recorded stands');
  t.is(stored[2]!.metadata['recordedAt'], recordedAt);
  // The same file again: every line recorded, the same two named.
  const twice = await run('record', 'again.jsonl');
  t.is(twice.exitCode, 0, twice.stderr);
  t.is(
    twice.stdout,
    `the 4 events of again.jsonl were already recorded; nothing new was written.\n${note}`,
  );
  // The id with other data is a conflict, whatever the metadata.
  const changed = { ...again[1]!, data: { ...again[1]!.data, belopp: '1.00' } };
  await write('changed.jsonl', [changed]);
  const refused = await run('record', 'changed.jsonl');
  t.is(refused.exitCode, 1);
  t.regex(
    refused.stderr,
    /^line 1: EVENT_ID_CONFLICT: eventId \S+ was recorded \(bokforing-norrbacken@1\) with other content: data\.belopp is "1\.00" here, "1000000\.00" recorded$/m,
  );
  t.is(refused.stdout, '');
});

test('the refusals of the first 50 refused lines are printed, each of a line with several, then the count of the rest and of all', async (t) => {
  const { run, lines, write } = await förbundWithEightEvents(t);
  const twice = (index: number): Line => ({
    ...lines[1]!,
    data: { ...lines[1]!.data, datum: '2099-01-01', belopp: 1 },
    eventId: `4e6f7262-0000-4000-8000-${String(index).padStart(12, '0')}`,
  });
  await write(
    'many.jsonl',
    Array.from({ length: 60 }, (_, index) => twice(100 + index)),
  );
  const refused = await run('record', 'many.jsonl');
  t.is(refused.exitCode, 1);
  const heads = refusalHeads(refused.stderr);
  t.is(heads.length, 100, 'two refusals of each of 50 lines');
  t.deepEqual(heads.slice(-2), ['50 DATE_AFTER_RECORDING', '50 INVALID_AMOUNT']);
  t.regex(
    refused.stderr,
    /\n… and 10 more lines refused, not shown\.\n60 lines refused\.\nRefused: nothing was written\.\n$/,
  );
});

/**
 * The reasons a refusal's lines print twice: a field line's reason that its refusal's first line
 * says already (`line N: CODE: message` and the `  field path: rule name: reason` under it).
 */
function reasonsTwice(stderr: string): string[] {
  let head = '';
  const twice: string[] = [];
  for (const line of stderr.split('\n')) {
    if (/^line \d+: /.test(line)) head = line;
    const reason = /^ {2}field \S+: rule \S+: (.*)$/.exec(line)?.[1];
    if (reason !== undefined && head.includes(reason)) twice.push(line);
  }
  return twice;
}

test('each refusal says its reason once: a field line whose reason the refusal says already names only the field and the rule', async (t) => {
  const { run, lines, write } = await förbundWithEightEvents(t);
  const { eventId: _id, ...contribution } = lines[1]!;
  const { belopp, ...data } = contribution.data;
  await write('slips.jsonl', [
    { ...contribution, data: { ...data, belopp: 1000 } },
    { ...contribution, data: { ...data, belopp, datum: '2099-01-01' } },
    { ...contribution, data: { ...data, belop: belopp } },
  ]);
  const refused = await run('record', 'slips.jsonl');
  t.is(refused.exitCode, 1);
  t.is(refused.stdout, '');
  t.deepEqual(reasonsTwice(refused.stderr), []);
  const amountReason =
    'data.belopp: an amount must be a decimal string such as "363333.00", never a JavaScript number [decimal-string-required]';
  t.is(
    // The day of the recording is the day the spec runs.
    refused.stderr.replace(/\(\d{4}-\d\d-\d\d\)/, '(today)'),
    `line 1: INVALID_AMOUNT: MedlemsbidragMottaget refused: ${amountReason}
  field data.belopp: rule decimal-string-required
line 2: DATE_AFTER_RECORDING: datum 2099-01-01 is after the day the event is recorded (today): an event is recorded once it has happened
  field data.datum: rule not-after-recording
line 3: VALIDATION_FAILED: MedlemsbidragMottaget refused: data.belopp: is required [required]; data.belop: is not a field here (a typo?) [known-field]
  field data.belopp: rule required
  field data.belop: rule known-field
3 lines refused.
Refused: nothing was written.
`,
  );
  // A field line whose reason the refusal does not say keeps it.
  await write('changed.jsonl', [{ ...lines[1]!, data: { ...lines[1]!.data, belopp: '1.00' } }]);
  const changed = await run('record', 'changed.jsonl');
  t.regex(
    changed.stderr,
    /^ {2}field eventId: rule same-id-same-content: a recorded event id was given for other content$/m,
  );
  t.deepEqual(reasonsTwice(changed.stderr), []);
});
