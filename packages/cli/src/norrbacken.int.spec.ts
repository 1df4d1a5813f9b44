import anyTest, { type ExecutionContext, type TestFn } from 'ava';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { finsamCommandLine, runFinsamProcess } from './runCli.testSupport.js';

// The second example förbund, Norrbäcken, made only with the command line: `init`, its
// configuration (examples/norrbacken/forbund.json), its hand-written events file, then
// `record`, `report`, `verify` and every bad-input path, each run as a child process in a
// fresh temporary directory.

const exampleDirectory = fileURLToPath(new URL('../../../examples/norrbacken/', import.meta.url));

interface JsonStatement {
  columns: { label: string }[];
  rows: { key: string; amounts: (string | null)[] }[];
}
interface JsonReport {
  förbund: string;
  år: number;
  enhet: string;
  årsredovisning: Record<string, JsonStatement>;
  deltagare: {
    år: number;
    insatser: {
      insatsId: string;
      year: { tables: { concluded: { samtliga: number }; tookPart: { samtliga: number } } };
    }[];
  };
}

// One recorded förbund for the tests that only read it; the tests that change their store
// make their own. Serial: each test starts several Node processes, and running them all at
// once on a small machine only makes each slower.
type Context = ExecutionContext<{ shared: Awaited<ReturnType<typeof recordedFörbund>> }>;
const serialTest = anyTest.serial as TestFn<Context['context']>;

/**
 * How long one test may take: each runs up to a dozen Node processes, and on a loaded
 * two-core machine (the whole suite, other work) one process can take many seconds, more
 * than AVA's two minutes without a result allow for a test of ten of them.
 */
const testTimeoutMs = 600_000;

const test = (title: string, body: (t: Context) => Promise<void>) =>
  serialTest(title, async (t) => {
    t.timeout(testTimeoutMs);
    await body(t);
  });

const figures = (statement: JsonStatement) =>
  Object.fromEntries(statement.rows.map((row) => [row.key, row.amounts]));

async function freshFörbund(t: { teardown: (fn: () => Promise<void>) => void }) {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-norrbacken-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const run = (...args: string[]) => runFinsamProcess(args, { cwd: directory });
  return { directory, run };
}

/** A fresh directory with the example's configuration and the empty store `finsam init` made. */
async function initialisedFörbund(t: ExecutionContext<unknown>) {
  const förbund = await freshFörbund(t);
  await copyFile(join(exampleDirectory, 'forbund.json'), join(förbund.directory, 'forbund.json'));
  t.is((await förbund.run('init')).exitCode, 0);
  return förbund;
}

/** The example's events file, a line each. */
const exampleLines = async (): Promise<string[]> =>
  (await readFile(join(exampleDirectory, 'events.jsonl'), 'utf8'))
    .split('\n')
    .filter((line) => line !== '');

async function recordedFörbund(t: Parameters<typeof freshFörbund>[0]) {
  const förbund = await freshFörbund(t);
  await förbund.run(
    'init',
    '--namn',
    'Samordningsförbundet Norrbäcken',
    '--forbund-id',
    'norrbacken',
  );
  await rm(join(förbund.directory, 'forbund.json'));
  await copyFile(join(exampleDirectory, 'forbund.json'), join(förbund.directory, 'forbund.json'));
  await förbund.run('record', join(exampleDirectory, 'events.jsonl'));
  return förbund;
}

const sharedCleanups: (() => Promise<void>)[] = [];

anyTest.before(async (t) => {
  t.timeout(testTimeoutMs);
  (t.context as { shared: unknown }).shared = await recordedFörbund({
    teardown: (cleanup) => sharedCleanups.push(cleanup),
  });
});

anyTest.after.always(async () => {
  for (const cleanup of sharedCleanups) await cleanup();
});

test('init writes a configuration template and an empty store, and never overwrites either', async (t) => {
  const { directory, run } = await freshFörbund(t);
  const bare = await run('init');
  t.is(bare.exitCode, 2);
  t.is(bare.stderr, 'error: required options --namn and --forbund-id not specified\n');
  const unnamed = await run('init', '--forbund-id', 'norrbacken');
  t.is(unnamed.exitCode, 2);
  t.is(unnamed.stderr, 'error: required option --namn not specified\n');
  t.deepEqual(await readdir(directory), [], 'nothing written on a usage error');
  const first = await run(
    'init',
    '--namn',
    'Samordningsförbundet Norrbäcken',
    '--forbund-id',
    'norrbacken',
  );
  t.is(first.exitCode, 0, first.stderr);
  const configuration = JSON.parse(await readFile(join(directory, 'forbund.json'), 'utf8'));
  t.is(configuration.namn, 'Samordningsförbundet Norrbäcken');
  t.is(configuration.förbundId, 'norrbacken');
  // The editor finds the schema from the file's own directory.
  const schema = JSON.parse(await readFile(join(directory, configuration.$schema), 'utf8'));
  t.is(schema.properties.förbundId.type, 'string');
  t.true((await stat(join(directory, 'finsam.jsonl'))).size > 0, 'the store has its header');
  const nested = await run(
    'init',
    '--namn',
    'Nästlad',
    '--forbund-id',
    'nastlad',
    '--config',
    'bocker/forbund.json',
    '--store',
    'bocker/finsam.jsonl',
  );
  t.is(nested.exitCode, 0, nested.stderr);
  const nestedSchema = JSON.parse(await readFile(join(directory, 'bocker/forbund.json'), 'utf8'))
    .$schema as string;
  t.true(nestedSchema.startsWith('../'), nestedSchema);
  t.deepEqual(JSON.parse(await readFile(join(directory, 'bocker', nestedSchema), 'utf8')), schema);
  const empty = await run('verify');
  t.is(empty.exitCode, 0);
  t.regex(empty.stdout, /intact: 0 events/);
  const again = await run('init', '--namn', 'Annat', '--forbund-id', 'annat');
  t.is(again.exitCode, 1);
  t.regex(
    again.stderr,
    /forbund\.json and finsam\.jsonl already exist; finsam init never overwrites a configuration or a store/,
  );
  t.is(
    JSON.parse(await readFile(join(directory, 'forbund.json'), 'utf8')).namn,
    'Samordningsförbundet Norrbäcken',
  );
  // A store that cannot be made: the template this run wrote goes too, nothing is left.
  await writeFile(join(directory, 'fil'), 'en fil, ingen katalog\n');
  const before = (await readdir(directory)).sort();
  const unmade = await run(
    'init',
    ...['--namn', 'Ny', '--forbund-id', 'ny', '--config', 'ny.json', '--store', 'fil/ny.jsonl'],
  );
  t.is(unmade.exitCode, 1);
  t.regex(unmade.stderr, /Cannot make the directory of fil\/ny\.jsonl: /);
  t.deepEqual((await readdir(directory)).sort(), before, 'no configuration left behind');
  const noReport = await run('report');
  t.is(noReport.exitCode, 2);
  t.regex(
    noReport.stderr,
    /there is no year to report: the books of Samordningsförbundet Norrbäcken .* hold no bookings yet/,
  );
});

test('init beside a configuration already there keeps it and creates only the store, directories and all; a clashing name, a broken configuration, a store without one or nothing to create creates nothing', async (t) => {
  const { directory, run } = await freshFörbund(t);
  await copyFile(join(exampleDirectory, 'forbund.json'), join(directory, 'forbund.json'));
  const original = await readFile(join(directory, 'forbund.json'), 'utf8');
  const clash = await run('init', '--forbund-id', 'annat', '--store', 'bocker.jsonl');
  t.is(clash.exitCode, 1);
  t.regex(
    clash.stderr,
    /forbund\.json already exists and is the configuration of Samordningsförbundet Norrbäcken \(norrbacken\), not annat; finsam init never overwrites a configuration/,
  );
  t.regex(
    clash.stderr,
    /field förbundId: rule kept-configuration: is norrbacken in forbund\.json, not annat/,
  );
  t.deepEqual(await readdir(directory), ['forbund.json'], 'no store on a refusal');
  const created = await run('init', '--store', 'bocker/2025/bocker.jsonl');
  t.is(created.exitCode, 0, created.stderr);
  t.regex(
    created.stdout,
    /^kept \S+forbund\.json \(the configuration of Samordningsförbundet Norrbäcken\): finsam init never overwrites a configuration$/m,
  );
  t.regex(created.stdout, /^created the empty store \S+bocker\/2025\/bocker\.jsonl$/m);
  t.regex(created.stdout, /^next: finsam record EVENTS\.jsonl or finsam import sie FILE\.se, /m);
  t.is(await readFile(join(directory, 'forbund.json'), 'utf8'), original, 'kept byte for byte');
  const recorded = await run(
    'record',
    join(exampleDirectory, 'events.jsonl'),
    '--store',
    'bocker/2025/bocker.jsonl',
  );
  t.is(recorded.exitCode, 0, recorded.stderr);
  t.regex(recorded.stdout, /recorded 27 events .* for norrbacken/);
  const both = await run('init', '--store', 'bocker/2025/bocker.jsonl');
  t.is(both.exitCode, 1);
  t.regex(both.stderr, /already exist; finsam init never overwrites a configuration or a store/);
  // A store without a configuration holds some förbund's books: init writes none for it.
  const storeOnly = await run(
    'init',
    '--config',
    'annan.json',
    '--store',
    'bocker/2025/bocker.jsonl',
    '--namn',
    'Annat',
    '--forbund-id',
    'annat',
  );
  t.is(storeOnly.exitCode, 1);
  t.regex(
    storeOnly.stderr,
    /bocker\.jsonl already exists, and a store holds one förbund's books: copy that förbund's configuration to annan\.json, or give another --store/,
  );
  // An EventStoreDB store needs no creating: beside a configuration there is nothing to do.
  const esdb = await run('init', '--store', 'esdb://localhost:2113?tls=false');
  t.is(esdb.exitCode, 1);
  t.regex(
    esdb.stderr,
    /forbund\.json already exists and esdb:\S+ needs no creating: there is nothing to create/,
  );
  await writeFile(join(directory, 'fel.json'), '{"version": 1}');
  const invalid = await run('init', '--config', 'fel.json', '--store', 'fel.jsonl');
  t.is(invalid.exitCode, 1);
  t.regex(invalid.stderr, /^fel\.json: VALIDATION_FAILED: /m);
  await writeFile(join(directory, 'trasig.json'), '{"version": 1, "namn": ');
  const broken = await run('init', '--config', 'trasig.json', '--store', 'ny.jsonl');
  t.is(broken.exitCode, 1);
  t.regex(broken.stderr, /trasig\.json is not JSON/);
  t.false(
    (await readdir(directory)).includes('ny.jsonl'),
    'no store beside a broken configuration',
  );
});

test('init refused after making directories takes them back: no template, no empty directory left', async (t) => {
  const { directory, run } = await freshFörbund(t);
  // A file where the store's directory should be: the template is written (into new
  // directories) before the store's directory cannot be made.
  await writeFile(join(directory, 'bocker'), 'not a directory');
  const initInNewDirectories = () =>
    run(
      'init',
      ...['--config', 'konfiguration/2025/forbund.json', '--store', 'bocker/bocker.jsonl'],
      ...['--namn', 'Samordningsförbundet Norrbäcken', '--forbund-id', 'norrbacken'],
    );
  const refused = await initInNewDirectories();
  t.is(refused.exitCode, 1);
  t.regex(refused.stderr, /^IO_ERROR: Cannot make the directory of bocker\/bocker\.jsonl: /m);
  t.is(refused.stdout, '');
  t.deepEqual(await readdir(directory), ['bocker'], 'nothing made is left');
  // A directory that was there before stays, though the run put (and took back) a file in it.
  await mkdir(join(directory, 'konfiguration', '2025'), { recursive: true });
  const again = await initInNewDirectories();
  t.is(again.exitCode, 1);
  t.deepEqual(await readdir(join(directory, 'konfiguration')), ['2025'], 'not made by this run');
  t.deepEqual(await readdir(join(directory, 'konfiguration', '2025')), []);
});

test('record --dry-run checks and writes nothing; record appends all; a second record changes nothing', async (t) => {
  const { directory, run } = await freshFörbund(t);
  await run('init', '--namn', 'Samordningsförbundet Norrbäcken', '--forbund-id', 'norrbacken');
  await rm(join(directory, 'forbund.json'));
  await copyFile(join(exampleDirectory, 'forbund.json'), join(directory, 'forbund.json'));
  const events = join(exampleDirectory, 'events.jsonl');
  const dry = await run('record', events, '--dry-run');
  t.is(dry.exitCode, 0, dry.stderr);
  t.regex(dry.stdout, /dry run: the 27 events .* pass the rules; nothing was written/);
  t.regex((await run('verify')).stdout, /intact: 0 events/);
  const recorded = await run('record', events);
  t.is(recorded.exitCode, 0, recorded.stderr);
  t.regex(recorded.stdout, /recorded 27 events .* for norrbacken/);
  const again = await run('record', events);
  t.regex(again.stdout, /were already recorded; nothing new was written/);
  // The opening balance again without its id repeats the recorded one: refused as a repeat.
  // Recorded as a new event all the same (--allow-repeats), the books refuse it, and the
  // refusal says why a second run of a file without ids is refused.
  const { eventId: _id, ...opening } = JSON.parse(
    (await readFile(events, 'utf8')).split('\n')[0]!,
  ) as { eventId: string };
  await writeFile(join(directory, 'opening.jsonl'), JSON.stringify(opening));
  const repeated = await run('record', 'opening.jsonl');
  t.is(repeated.exitCode, 1);
  t.regex(
    repeated.stderr,
    /^line 1: EVENT_ALREADY_RECORDED: IngåendeBalansRegistrerad is recorded already with the same type and data \(bokforing-norrbacken@0, recorded \S+ by ekonom@norrbacken\.example\)$/m,
  );
  const withoutId = await run('record', 'opening.jsonl', '--allow-repeats');
  t.is(withoutId.exitCode, 1);
  t.regex(withoutId.stderr, /^line 1: OPENING_BALANCE_ALREADY_RECORDED: /m);
  t.regex(
    withoutId.stderr,
    /\nRefused: nothing was written\.\nhint: line 1 has no eventId, so each run records it as a new event\. .* take the recorded lines out and record the rest\. An eventId \(a UUID\) makes a rerun record only new lines if the line had it when it was first recorded: adding ids to lines recorded without them books those lines again\.\n$/,
  );
  // One line is one event, in the singular.
  await writeFile(join(directory, 'one.jsonl'), (await readFile(events, 'utf8')).split('\n')[0]!);
  const one = await run('record', 'one.jsonl');
  t.regex(one.stdout, /^the event of one\.jsonl was already recorded; nothing new was written\.$/m);
  t.regex((await run('verify')).stdout, /intact: 27 events/);
});

test('record of a file added to since it was recorded writes only its new lines, and the books are those of one run; a line changed since is refused with how to correct it', async (t) => {
  const { directory, run } = await initialisedFörbund(t);
  const lines = await exampleLines();
  const file = join(directory, 'handelser.jsonl');
  // The first 13 lines (books and participants) are recorded, then the file grows to all 27.
  await writeFile(file, `${lines.slice(0, 13).join('\n')}\n`);
  t.regex((await run('record', 'handelser.jsonl')).stdout, /^recorded 13 events from /);
  // An id-less copy of a recorded line beside the line with its id: the stored event answers
  // for the line that names it, so the copy is a new event, not a repeat.
  await writeFile(
    file,
    `${[...lines.slice(0, 13), lines[5]!.replace(/, "eventId": "[^"]+"/, '')].join('\n')}\n`,
  );
  t.regex(
    (await run('record', 'handelser.jsonl', '--dry-run')).stdout,
    /^dry run: 1 new event of handelser\.jsonl passes the rules; the other 13 were /,
  );
  await writeFile(file, `${lines.join('\n')}\n`);
  const dry = await run('record', 'handelser.jsonl', '--dry-run');
  t.is(dry.exitCode, 0, dry.stderr);
  t.is(
    dry.stdout,
    'dry run: 14 new events of handelser.jsonl pass the rules; the other 13 were recorded before (the same eventId, type and data) and are left as they are; nothing was written.\n',
  );
  t.regex((await run('verify')).stdout, /intact: 13 events/);
  const grown = await run('record', 'handelser.jsonl');
  t.is(grown.exitCode, 0, grown.stderr);
  t.regex(
    grown.stdout,
    /^recorded 14 new events from handelser\.jsonl for norrbacken \(\S+\); the other 13 were recorded before \(the same eventId, type and data\) and are left as they are\.\n$/,
  );
  t.regex((await run('verify')).stdout, /intact: 27 events/);
  const report = async (of: typeof run) =>
    (await of('report', '--year', '2025', '--format', 'json')).stdout;
  t.is(await report(run), await report(t.context.shared.run), 'the books of one run');
  const dryAgain = await run('record', 'handelser.jsonl', '--dry-run');
  t.regex(dryAgain.stdout, /^dry run: all 27 events of handelser\.jsonl were recorded before /);
  // Line 5's amount and line 7's (a participant's) age band changed after they were recorded,
  // and a new line added: every changed line is named with what differs.
  const changed = lines.map((line, index) => {
    if (index === 4) return line.replace(/"belopp": "(\d+)/, '"belopp": "1$1');
    return index === 6 ? line.replace(/"åldersband": "[^"]+"/, '"åldersband": "56-65"') : line;
  });
  t.not(changed[4], lines[4]);
  t.not(changed[6], lines[6]);
  await writeFile(file, `${[...changed, lines[0]!.replace(/0001"/, '0099"')].join('\n')}\n`);
  const refused = await run('record', 'handelser.jsonl');
  t.is(refused.exitCode, 1);
  const recordedAmount = /"belopp": "(\d+\.\d\d)"/.exec(lines[4]!)![1];
  t.regex(
    refused.stderr,
    new RegExp(
      `^line 5: EVENT_ID_CONFLICT: eventId \\S+ was recorded \\(bokforing-norrbacken@4\\) with other content: data\\.belopp is "1${recordedAmount}" here, "${recordedAmount}" recorded\n {2}field eventId: rule same-id-same-content: `,
      'm',
    ),
  );
  t.regex(
    refused.stderr,
    /^line 7: EVENT_ID_CONFLICT: eventId \S+ was recorded \(deltagare-norrbacken@0\) with other content: data\.åldersband is "56-65" here, "\d+-\d+" recorded$/m,
  );
  // The new line, a second opening balance, is checked against the rules all the same, without
  // the changed lines, and named in the same run.
  t.regex(refused.stderr, /^line 28: OPENING_BALANCE_ALREADY_RECORDED: /m);
  t.regex(
    refused.stderr,
    /\n3 lines refused\.\nnote: line 28 was checked against the rules of the books without the refused lines 5 and 7 before it: its refusal may follow from those lines left out\.\nRefused: nothing was written\.\nhint: what is recorded is never changed\. A line edited since it was recorded: put it back as it was, and correct the booking with a new line, HändelseRättad .* A participant event cannot be corrected once recorded/,
  );
  // Two lines of one file with one id: refused naming both lines, before the books are read.
  await writeFile(
    file,
    `${[lines[0], lines[1], lines[1]!.replace(/"belopp": "/, '"belopp": "7')].join('\n')}\n`,
  );
  const shared = await run('record', 'handelser.jsonl');
  t.is(shared.exitCode, 1);
  t.regex(
    shared.stderr,
    /^line 3: EVENT_ID_CONFLICT: eventId \S+ is line 2's too: each event has its own id$/m,
  );
  t.regex((await run('verify')).stdout, /intact: 27 events/);
});

test("record refuses a line given the id of an event in the förbund's other stream, a booking's for a participant event or the other way round, and writes nothing", async (t) => {
  const { directory, run } = await initialisedFörbund(t);
  const lines = await exampleLines();
  const file = join(directory, 'handelser.jsonl');
  await writeFile(file, `${lines.slice(0, 13).join('\n')}\n`);
  t.regex((await run('record', 'handelser.jsonl')).stdout, /^recorded 13 events from /);
  const idOf = (line: string) => (JSON.parse(line) as { eventId: string }).eventId;
  const withId = (line: string, eventId: string) =>
    line.replace(/"eventId": "[^"]+"/, `"eventId": "${eventId}"`);
  // Line 7, participant nb-0001, edited into a booking and line 2, a contribution, into a
  // participant, each keeping its id: the store keeps ids apart per stream only.
  const booking = withId(lines[5]!.replace(/"belopp": "/, '"belopp": "1'), idOf(lines[6]!));
  const participant = withId(lines[7]!.replace(/nb-0002/g, 'nb-0099'), idOf(lines[1]!));
  t.not(booking, lines[5]);
  t.not(participant, lines[7]);
  const edited = lines
    .slice(0, 13)
    .map((line, index) => [line, participant, booking][[1, 6].indexOf(index) + 1]!);
  await writeFile(file, `${edited.join('\n')}\n`);
  for (const dryRun of [['--dry-run'], []]) {
    const refused = await run('record', 'handelser.jsonl', ...dryRun);
    t.is(refused.exitCode, 1, refused.stdout);
    t.regex(
      refused.stderr,
      /^line 7: EVENT_ID_CONFLICT: eventId \S+ is a participant event's, recorded in the register \(deltagare-norrbacken@0, DeltagareInskriven\): a booking cannot take it\n {2}field eventId: rule unique-in-forbund: /m,
    );
    t.regex(
      refused.stderr,
      /^line 2: EVENT_ID_CONFLICT: eventId \S+ is a booking's, recorded in the books \(bokforing-norrbacken@1, MedlemsbidragMottaget\): a participant event cannot take it$/m,
    );
    t.regex(
      refused.stderr,
      /\n2 lines refused\.\nnote: the rules of the books take the other 11 lines, checked in the file's order without the refused ones; a refused line meets them once it is corrected\.\nRefused[^\n]*: nothing was written[^\n]*\nhint: an eventId names one event, in the books or in the participant register\. Lines edited /,
    );
  }
  t.regex((await run('verify')).stdout, /intact: 13 events/);
  // With ids of their own the two lines are recorded.
  const ownIds = [
    withId(booking, '0b6f3b59-6a1e-4c56-9d0a-2f1c3e5d7a91'),
    withId(participant, '4c2d9e7a-3b8f-4a1d-8e6c-5f7a9b0c1d23'),
  ];
  await writeFile(file, `${[...lines.slice(0, 13), ...ownIds].join('\n')}\n`);
  const recorded = await run('record', 'handelser.jsonl');
  t.is(recorded.exitCode, 0, recorded.stderr);
  t.regex(recorded.stdout, /^recorded 2 new events from handelser\.jsonl /);
});

test('record of a file without eventIds a second time is refused line by line as repeats, writing nothing; --allow-repeats records a repeat meant as a new event', async (t) => {
  const { directory, run } = await initialisedFörbund(t);
  // The first 12 lines (books and participants), their ids taken out, as a hand-written file.
  const lines = (await exampleLines()).slice(0, 12).map((line) => {
    const { eventId: _id, ...rest } = JSON.parse(line) as { eventId?: string };
    return JSON.stringify(rest);
  });
  await writeFile(join(directory, 'utan-id.jsonl'), `${lines.join('\n')}\n`);
  t.regex((await run('record', 'utan-id.jsonl')).stdout, /^recorded 12 events from /);
  for (const dryRun of [[], ['--dry-run']]) {
    const again = await run('record', 'utan-id.jsonl', ...dryRun);
    t.is(again.exitCode, 1);
    const refusedLines = [...again.stderr.matchAll(/^line (\d+): EVENT_ALREADY_RECORDED: /gm)];
    t.deepEqual(
      refusedLines.map((match) => Number(match[1])),
      lines.map((_line, index) => index + 1),
    );
    t.regex(
      again.stderr,
      /^line 7: EVENT_ALREADY_RECORDED: DeltagareInskriven is recorded already with the same type and data \(deltagare-norrbacken@0, /m,
    );
    t.regex(
      again.stderr,
      /\n12 lines refused\.\nRefused[^\n]*: nothing was written[^\n]*\nhint: 12 lines without an eventId repeat what the books hold: this file \(or these lines\) was most likely recorded before, .* adding ids to lines recorded without them books those lines again\. .* record with --allow-repeats\.\n$/,
    );
  }
  t.regex((await run('verify')).stdout, /intact: 12 events/);
  // Line 6, a cost, twice in one file: the books hold one, so one line repeats it and one is new.
  await writeFile(join(directory, 'taxi.jsonl'), `${lines[5]}\n${lines[5]}\n`);
  const twice = await run('record', 'taxi.jsonl');
  t.is(twice.exitCode, 1);
  t.regex(twice.stderr, /^line 1: EVENT_ALREADY_RECORDED: KostnadBokförd is recorded already/m);
  t.notRegex(twice.stderr, /^line 2: /m);
  t.regex(twice.stderr, /\nhint: a line without an eventId repeats what the books hold/);
  t.regex(
    twice.stderr,
    /\nnote: the rules of the books take the other line, checked in the file's order without the refused ones; /,
  );
  const meant = await run('record', 'taxi.jsonl', '--allow-repeats');
  t.is(meant.exitCode, 0, meant.stderr);
  t.regex(meant.stdout, /^recorded 2 events from taxi\.jsonl /);
  t.regex((await run('verify')).stdout, /intact: 14 events/);
});

test('record refuses an event dated after the day it is recorded, every such line at once, naming data.datum; a day ahead of UTC passes', async (t) => {
  const { directory, run } = await initialisedFörbund(t);
  const lines = await exampleLines();
  const cost = JSON.parse(lines[5]!) as {
    data: { datum: string };
    metadata: Record<string, string>;
  };
  const dayFromNow = (days: number) =>
    new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const withDate = (datum: string, recordedAt?: string, eventId?: string) =>
    JSON.stringify({
      ...cost,
      ...(eventId === undefined ? {} : { eventId }),
      data: { ...cost.data, datum },
      metadata: { ...cost.metadata, ...(recordedAt === undefined ? {} : { recordedAt }) },
    });
  // Line 7: dated three days from now; line 8: recorded elsewhere a day before its date.
  const file = [
    ...lines.slice(0, 5),
    lines[5]!,
    withDate(dayFromNow(3), undefined, '7b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8'),
    withDate('2024-03-25', '2024-03-23T10:00:00.000Z', '8c2d3e4f-5061-4b72-9c83-a4b5c6d7e8f9'),
  ];
  await writeFile(join(directory, 'framtid.jsonl'), `${file.join('\n')}\n`);
  const refused = await run('record', 'framtid.jsonl');
  t.is(refused.exitCode, 1);
  t.regex(
    refused.stderr,
    new RegExp(
      `^line 7: DATE_AFTER_RECORDING: datum ${dayFromNow(3)} is after the day the event is recorded \\(\\d{4}-\\d\\d-\\d\\d\\): an event is recorded once it has happened\n {2}field data\\.datum: rule not-after-recording$`,
      'm',
    ),
  );
  t.regex(
    refused.stderr,
    /^line 8: DATE_AFTER_RECORDING: datum 2024-03-25 is after the day the event is recorded \(2024-03-23\)/m,
  );
  t.regex(
    refused.stderr,
    /\n2 lines refused\.\nnote: the rules of the books take the other 6 lines, /,
  );
  t.regex(refused.stderr, /\nRefused: nothing was written\.\n$/);
  t.regex((await run('verify')).stdout, /intact: 0 events/);
  // Recorded at 21:30 UTC the day before, 22:30 in Stockholm: still the day before there.
  file[7] = withDate(
    '2024-03-25',
    '2024-03-24T21:30:00.000Z',
    '8c2d3e4f-5061-4b72-9c83-a4b5c6d7e8f9',
  );
  await writeFile(join(directory, 'framtid.jsonl'), `${file.join('\n')}\n`);
  const eveningBefore = await run('record', 'framtid.jsonl', '--dry-run');
  t.regex(
    eveningBefore.stderr,
    /^line 8: DATE_AFTER_RECORDING: datum 2024-03-25 is after the day the event is recorded \(2024-03-24\)/m,
  );
  // Recorded at 23:30 UTC the day before: 00:30 on its date in Stockholm.
  file[7] = withDate(
    '2024-03-25',
    '2024-03-24T23:30:00.000Z',
    '8c2d3e4f-5061-4b72-9c83-a4b5c6d7e8f9',
  );
  file.splice(6, 1);
  await writeFile(join(directory, 'framtid.jsonl'), `${file.join('\n')}\n`);
  const recorded = await run('record', 'framtid.jsonl');
  t.is(recorded.exitCode, 0, recorded.stderr);
  t.regex(recorded.stdout, /^recorded 7 events from framtid\.jsonl /);
});

interface ListedVerifikation {
  nummer: string;
  eventId: string;
  rättarVerifikationer?: string[];
  rättadAv?: { eventId: string; verifikationer: string[]; datum: string }[];
}

/**
 * The recorded example with line 6, the förbundschef's cost of 2024, corrected on 2026-03-02,
 * after both years were closed; the correction repeats it as stored, as `finsam events` prints
 * it. With the correction's id and the instant the store stamped it.
 */
async function correctedIn2026(t: Context) {
  const { directory, run } = await recordedFörbund(t);
  const { eventId } = JSON.parse((await exampleLines())[5]!) as { eventId: string };
  const corrected = (await run('events', '--type', 'KostnadBokförd')).stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { eventId: string; type: string; data: unknown })
    .find((event) => event.eventId === eventId)!;
  const correction = {
    type: 'HändelseRättad',
    data: {
      datum: '2026-03-02',
      rättadEventId: corrected.eventId,
      orsak: 'Fakturan gällde fel period.',
      original: { type: corrected.type, schemaVersion: 1, data: corrected.data },
    },
    metadata: { recordedBy: 'ekonom@norrbacken.example' },
  };
  await writeFile(join(directory, 'rattelse.jsonl'), `${JSON.stringify(correction)}\n`);
  const recorded = await run('record', 'rattelse.jsonl');
  t.is(recorded.exitCode, 0, recorded.stderr);
  const stored = JSON.parse((await run('events', '--type', 'HändelseRättad')).stdout) as {
    eventId: string;
    storedAt: string;
  };
  const listOf = async (year: string, ...options: string[]) => {
    const listed = await run('verifikationer', '--year', year, '--format', 'json', ...options);
    t.is(listed.exitCode, 0, listed.stderr);
    return (JSON.parse(listed.stdout) as { verifikationer: ListedVerifikation[] }).verifikationer;
  };
  return { run, corrected, correctionId: stored.eventId, storedAt: stored.storedAt, listOf };
}

test("verifikationer of a year that corrects an earlier year's booking leads to that booking's verifikation, in text, JSON and CSV", async (t) => {
  const { run, corrected, correctionId, listOf } = await correctedIn2026(t);
  const numbers2024 = (await listOf('2024'))
    .filter((post) => post.eventId === corrected.eventId)
    .map((post) => post.nummer);
  t.is(numbers2024.length, 1);
  const posted = (await listOf('2026')).find((post) => post.eventId === correctionId);
  t.deepEqual(posted?.rättarVerifikationer, numbers2024);
  const text = await run('verifikationer', '--year', '2026');
  t.true(
    text.stdout.includes(`; rättar ${corrected.eventId} (verifikation ${numbers2024[0]})\n`),
    text.stdout,
  );
  const csv = await run('verifikationer', '--year', '2026', '--format', 'csv');
  t.true(
    csv.stdout.includes(`,${corrected.eventId},${numbers2024[0]},Fakturan gällde fel period.,`),
  );
});

test("verifikationer of the corrected year leads from the booking to its later year's correction, in text, JSON and CSV, and not as of before the correction was stored", async (t) => {
  const { run, corrected, correctionId, storedAt, listOf } = await correctedIn2026(t);
  const numbers2026 = (await listOf('2026'))
    .filter((post) => post.eventId === correctionId)
    .map((post) => post.nummer);
  t.is(numbers2026.length, 1);
  t.regex(numbers2026[0]!, /^2026-\d+$/);
  const listed2024 = await listOf('2024');
  const booking = listed2024.find((post) => post.eventId === corrected.eventId)!;
  t.deepEqual(booking.rättadAv, [
    { eventId: correctionId, verifikationer: numbers2026, datum: '2026-03-02' },
  ]);
  t.is(listed2024.filter((post) => post.rättadAv !== undefined).length, 1);
  const text = await run('verifikationer', '--year', '2024');
  t.true(
    text.stdout.includes(
      `\n  Rättad av ${correctionId} (verifikation ${numbers2026[0]}, 2026-03-02)\n`,
    ),
    text.stdout,
  );
  const csv = await run('verifikationer', '--year', '2024', '--format', 'csv');
  const records = csv.stdout
    .split('\r\n')
    .filter((record) => record.startsWith(`${booking.nummer},`));
  t.true(records.length >= 2);
  for (const record of records)
    t.true(
      record.includes(`,${corrected.eventId},,,,${correctionId},${numbers2026[0]},2026-03-02,`),
    );
  // As the books were a millisecond before the store took the correction in: not corrected yet.
  const before = new Date(Date.parse(storedAt) - 1).toISOString();
  const asOf = (await listOf('2024', '--as-of', before)).find(
    (post) => post.eventId === corrected.eventId,
  );
  t.is(asOf?.nummer, booking.nummer);
  t.is(asOf?.rättadAv, undefined);
  t.is((await run('verifikationer', '--year', '2024')).stdout, text.stdout, 'the same bytes');
});

test('the recorded example passes the audit without drift warnings: each line is recorded when finsam record runs it, unless it says when it was recorded elsewhere', async (t) => {
  const { directory, run } = t.context.shared;
  const audit = await run('audit');
  t.is(audit.exitCode, 0, audit.stderr);
  t.regex(audit.stdout, /passes the audit/);
  t.regex(audit.stdout, /No warnings: no event's recordedAt/);
  t.notRegex(audit.stdout, /RECORDED_AT_FAR_FROM_STORED_AT/);
  // The hand-written 2024 and 2025 books are registered today, long after their months: said,
  // not failed.
  t.regex(audit.stdout, /^ {2}- registration REGISTERED_LATE at bokforing-norrbacken@1 /m);
  const events = (await run('events')).stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { metadata: { recordedAt: string }; storedAt: string });
  t.is(events.length, 27);
  for (const event of events) {
    const driftMs = Date.parse(event.storedAt) - Date.parse(event.metadata.recordedAt);
    t.true(driftMs >= 0 && driftMs < 600_000, `${event.metadata.recordedAt} ${event.storedAt}`);
  }

  // A line that was recorded elsewhere (books moved from another system) keeps its recordedAt,
  // and the audit warns that it was stored long after.
  const migrated = {
    type: 'KostnadBokförd',
    data: {
      datum: '2026-01-10',
      område: 'administrativa',
      post: 'Lokaler',
      belopp: '1000.00',
      text: 'Hyra januari 2026',
      betalning: { sätt: 'bank' },
    },
    metadata: { recordedAt: '2026-01-12T09:00:00.000Z', recordedBy: 'ekonom' },
  };
  const copy = join(directory, 'audit-copy.jsonl');
  const copied = await run('copy', '--to', copy);
  t.is(copied.exitCode, 0, copied.stderr);
  await writeFile(join(directory, 'migrated.jsonl'), `${JSON.stringify(migrated)}\n`);
  const recorded = await run('record', 'migrated.jsonl', '--store', copy);
  t.is(recorded.exitCode, 0, recorded.stderr);
  const warned = await run('audit', '--store', copy);
  t.is(warned.exitCode, 0, warned.stderr);
  t.regex(warned.stdout, /1 warnings? \(not failures\)/);
  t.regex(warned.stdout, /the writer recorded it at 2026-01-12T09:00:00\.000Z but the store/);
});

test('report --format json gives every RR, BR and KF figure of 2025 and 2024 in exact kronor', async (t) => {
  const { run } = t.context.shared;
  const { exitCode, stdout, stderr } = await run(
    'report',
    '--year',
    '2025',
    '--format',
    'json',
    '--unit',
    'tkr',
  );
  t.is(exitCode, 0, stderr);
  t.is(stderr, '');
  const json = JSON.parse(stdout) as JsonReport;
  t.is(json.förbund, 'Samordningsförbundet Norrbäcken');
  t.is(json.år, 2025);
  t.is(json.enhet, 'tkr');
  const { resultaträkning, balansräkning, kassaflödesanalys } = json.årsredovisning;
  t.deepEqual(
    resultaträkning!.columns.map((column) => column.label),
    ['2025-12-31', '2024-12-31'],
  );
  t.deepEqual(figures(resultaträkning!), {
    'verksamhetens-intäkter': ['2200000.00', '2000000.00'],
    'verksamhetens-kostnader': ['-1265000.00', '-1646000.00'],
    avskrivningar: ['0.00', '0.00'],
    'verksamhetens-resultat': ['935000.00', '354000.00'],
    'finansiella-intäkter': ['0.00', '0.00'],
    'finansiella-kostnader': ['0.00', '0.00'],
    'årets-resultat': ['935000.00', '354000.00'],
  });
  t.deepEqual(figures(balansräkning!), {
    omsättningstillgångar: [null, null],
    kundfordringar: ['0.00', '0.00'],
    'förutbetalda-kostnader-upplupna-intäkter': ['0.00', '0.00'],
    'övriga-fordringar': ['0.00', '0.00'],
    'kassa-och-bank': ['1639000.00', '934000.00'],
    'summa-tillgångar': ['1639000.00', '934000.00'],
    'eget-kapital-och-skulder': [null, null],
    'årets-resultat': ['935000.00', '354000.00'],
    'övrigt-eget-kapital': ['704000.00', '350000.00'],
    'summa-eget-kapital': ['1639000.00', '704000.00'],
    leverantörsskulder: ['0.00', '150000.00'],
    'upplupna-kostnader': ['0.00', '80000.00'],
    'summa-eget-kapital-och-skulder': ['1639000.00', '934000.00'],
  });
  t.deepEqual(figures(kassaflödesanalys!), {
    'årets-resultat': ['935000.00', '354000.00'],
    'justering-ej-likviditetspåverkande-poster': ['0.00', '0.00'],
    'medel-före-förändring-av-rörelsekapital': ['935000.00', '354000.00'],
    'förändring-kortfristiga-fordringar': ['0.00', '0.00'],
    'förändring-kortfristiga-skulder': ['-230000.00', '230000.00'],
    'kassaflöde-löpande-verksamhet': ['705000.00', '584000.00'],
    'årets-kassaflöde': ['705000.00', '584000.00'],
    'likvida-medel-vid-årets-början': ['934000.00', '350000.00'],
    'likvida-medel-vid-årets-slut': ['1639000.00', '934000.00'],
  });
  // The participant tables are of the year asked for: in 2025 one took part and concluded.
  t.is(json.deltagare.år, 2025);
  t.deepEqual(
    json.deltagare.insatser.map((insats) => [
      insats.insatsId,
      insats.year.tables.tookPart.samtliga,
      insats.year.tables.concluded.samtliga,
    ]),
    [['vagen-vidare', 1, 1]],
  );
  const first = JSON.parse(
    (await run('report', '--year', '2024', '--format', 'json')).stdout,
  ) as JsonReport;
  t.deepEqual(figures(first.årsredovisning['resultaträkning']!)['årets-resultat'], [
    '354000.00',
    null,
  ]);
});

test('report in text, Markdown and CSV, in the unit asked for, to stdout or --out', async (t) => {
  const { directory, run } = t.context.shared;
  const text = await run('report', '--unit', 'tkr');
  t.is(text.exitCode, 0);
  t.regex(text.stdout, /^Samordningsförbundet Norrbäcken – årsredovisning 2025$/m);
  t.regex(text.stdout, /^ {2}Verksamhetens kostnader\s+2\s+-1 265\s+-1 646$/m);
  // The guidelines' reasons are the law's and the board's, never another förbund's figures:
  // Norrbäcken's own limits (25 % administration) are in the explanations.
  t.regex(text.stdout, /^ {2}Högsta andel\s+25,00 %$/m);
  t.notRegex(text.stdout, /Roslagen/);
  t.notRegex(text.stdout, /^ {2}Skäl: .*\d %/m);
  const markdown = await run('report', '--format', 'md', '--out', 'report.md');
  t.is(markdown.stdout, '');
  const written = await readFile(join(directory, 'report.md'), 'utf8');
  t.regex(written, /^# Samordningsförbundet Norrbäcken – årsredovisning 2025$/m);
  t.regex(written, /^\| \*\*Årets resultat\*\* \| {2}\| 935 000 \| 354 000 \|$/m);
  // The format by its name, as a user may type it.
  const byName = await run('report', '--format', 'markdown');
  t.is(byName.exitCode, 0, byName.stderr);
  t.is(byName.stdout, written);
  const csv = await run('report', '--format', 'csv', '--unit', 'tkr', '--year', '2024');
  t.regex(csv.stdout, /^avsnitt,rad,rubrik,not,kolumn,år,enhet,värde,fotnot\r$/m);
  t.regex(csv.stdout, /^Balansräkning,kassa-och-bank,Kassa och bank,,2024-12-31,2024,tkr,934,\r$/m);
});

test('verify prints the head; --expected-head proves the events unchanged, and a changed byte fails', async (t) => {
  const { directory, run } = await recordedFörbund(t);
  const verified = await run('verify');
  t.is(verified.exitCode, 0);
  const head = /^head: (\d+:[0-9a-f]{64})$/m.exec(verified.stdout)?.[1];
  t.truthy(head);
  t.true(head!.startsWith('27:'));
  t.is((await run('verify', '--expected-head', head!)).exitCode, 0);
  // A head copied from a document in capitals, with a space around it, is the same head.
  const capitals = await run('verify', '--expected-head', ` ${head!.toUpperCase()} `);
  t.is(capitals.exitCode, 0, capitals.stderr);
  t.regex(capitals.stdout, /passes through the expected head/);
  const wrongHead = `27:${'0'.repeat(64)}`;
  const mismatch = await run('verify', '--expected-head', wrongHead);
  t.is(mismatch.exitCode, 1);
  t.regex(mismatch.stderr, /STORE_TAMPERED/);
  t.regex(mismatch.stderr, /a record up to here was changed, or the head is not this store's/);
  // A chain that holds but misses the head vouches for none of its events.
  t.regex(
    mismatch.stderr,
    /^One of the first 27 events differs from when the head was written down .*, so none of them is vouched for; the events after it were not checked/m,
  );
  t.notRegex(mismatch.stderr, /intact/);
  const header = await run('verify', '--expected-head', `0:${'0'.repeat(64)}`);
  t.regex(header.stderr, /^The store's header is not the one the expected head was taken from/m);
  const longer = await run('verify', '--expected-head', `28:${'0'.repeat(64)}`);
  t.regex(
    longer.stderr,
    /fewer than the 28 of the expected head: events were removed from the end, or the head is not this store's/,
  );
  t.regex(
    longer.stderr,
    /^The 27 events the store holds pass the file's own checks, but the expected head counted more, so it vouches for none\.$/m,
  );
  const malformed = await run('verify', '--expected-head', 'abc');
  t.is(malformed.exitCode, 2);
  t.regex(
    malformed.stderr,
    /"abc" is not a head: give it as finsam verify prints it, <eventCount>:<64 hex digits>/,
  );
  const storePath = join(directory, 'finsam.jsonl');
  const bytes = await readFile(storePath, 'utf8');
  await writeFile(storePath, bytes.replace('"420000.00"', '"420001.00"'));
  const tampered = await run('verify');
  t.is(tampered.exitCode, 1);
  t.regex(tampered.stderr, /failed verification at line \d+/);
  // The example was recorded by one run, one append: nothing before it is vouched for.
  t.regex(
    tampered.stderr,
    /^No append came before the damaged one; the header's hash is 0:[0-9a-f]{64}\.$/m,
  );
});

test('a refused events file names the line, the code, the field and the rule, and writes nothing', async (t) => {
  const { directory, run } = await recordedFörbund(t);
  const lines = [
    {
      type: 'KostnadBokförd',
      data: {
        datum: '2026-01-10',
        område: 'administrativa',
        post: 'Lokaler',
        belopp: '1000.00',
        text: 'Hyra',
        betalning: { sätt: 'bank' },
      },
      metadata: { recordedAt: '2026-01-12T09:00:00.000Z', recordedBy: 'ekonom' },
    },
    {
      type: 'KostnadBokförd',
      data: {
        datum: '2026-01-11',
        område: 'administrativa',
        post: 'Lokaler',
        belopp: '12.345',
        text: 'Hyra',
        betalning: { sätt: 'bank' },
      },
      metadata: { recordedAt: '2026-01-12T09:00:00.000Z', recordedBy: 'ekonom' },
    },
  ];
  await writeFile(
    join(directory, 'bad.jsonl'),
    lines.map((line) => JSON.stringify(line)).join('\n'),
  );
  const refused = await run('record', 'bad.jsonl');
  t.is(refused.exitCode, 1);
  t.regex(refused.stderr, /^line 2: INVALID_AMOUNT: /m);
  t.regex(refused.stderr, /field data\.belopp: rule at-most-two-decimals/);
  t.regex(refused.stderr, /Refused: nothing was written\./);
  t.regex((await run('verify')).stdout, /intact: 27 events/);
  await writeFile(
    join(directory, 'closed.jsonl'),
    JSON.stringify({ ...lines[0], data: { ...lines[0]!.data, datum: '2025-11-01' } }) + '\n',
  );
  const closed = await run('record', 'closed.jsonl', '--dry-run');
  t.is(closed.exitCode, 1);
  t.regex(closed.stderr, /^line 1: YEAR_CLOSED: /m);
  await writeFile(
    join(directory, 'unknown.jsonl'),
    '{"type":"KostnadBokförd","data":{}}\n\n{"typ":"x"}\n',
  );
  const unknownKey = await run('record', 'unknown.jsonl');
  t.regex(unknownKey.stderr, /^line 1: INVALID_EVENT: metadata must be an object/m);
  // A line that breaks several envelope rules names each, so that one edit mends it.
  t.deepEqual(
    [...unknownKey.stderr.matchAll(/^ {2}field (\S+): rule ([^\s:]+)/gm)].map(([, field, rule]) => [
      field,
      rule,
    ]),
    [
      ['metadata', 'required'],
      ['typ', 'known-keys'],
      ['type', 'required'],
      ['data', 'required'],
      ['metadata', 'required'],
    ],
  );
  // Bad metadata and bad data of one well-formed line are named together too.
  await writeFile(
    join(directory, 'both.jsonl'),
    JSON.stringify({ ...lines[0], data: { ...lines[0]!.data, belopp: '1 000' }, metadata: {} }),
  );
  const both = await run('record', 'both.jsonl');
  // A field the line lacks is named as required, not as a value of the wrong type.
  t.regex(both.stderr, /^ {2}field metadata\.recordedBy: rule required$/m);
  t.regex(both.stderr, /^ {2}field data\.belopp: rule decimal-format\b/m);
  const undeclared = { ...lines[0], data: { ...lines[0]!.data, post: 'Lokal' } };
  await writeFile(join(directory, 'undeclared.jsonl'), JSON.stringify(undeclared));
  const vocabulary = await run('record', 'undeclared.jsonl');
  t.is(vocabulary.exitCode, 1);
  t.regex(vocabulary.stderr, /^line 1: VALIDATION_FAILED: /m);
  t.regex(
    vocabulary.stderr,
    /: data\.post: "Lokal" is not a declared post of område administrativa in 2026: must be one of: .*Lokaler.*\n {2}field data\.post: rule declared-post$/m,
    'names the field, the rule and the allowed posts',
  );
  t.regex(vocabulary.stderr, /Refused: nothing was written\./);
  const member = {
    type: 'MedlemsbidragMottaget',
    data: {
      datum: '2026-01-12',
      medlem: 'Täby kommun',
      medlemskategori: 'kommun',
      period: '2026',
      belopp: '100.00',
    },
    metadata: lines[0]!.metadata,
  };
  await writeFile(join(directory, 'member.jsonl'), JSON.stringify(member));
  const unknownMember = await run('record', 'member.jsonl');
  t.is(unknownMember.exitCode, 1);
  t.regex(
    unknownMember.stderr,
    /: data\.medlem: "Täby kommun" is not a member of the förbund: must be one of: Försäkringskassan, Region Mellanland, Norrbäckens kommun, Sjöviks kommun\n {2}field data\.medlem: rule declared-member$/m,
  );
  // A participant enrolled in an insats the configuration does not declare, after a cost the
  // books would take: the register's refusal stops the whole file.
  const exampleLines = (await readFile(join(exampleDirectory, 'events.jsonl'), 'utf8')).split('\n');
  const { eventId: _exampleId, ...enrolment } = JSON.parse(
    exampleLines.find((line) => line.includes('"DeltagareInskriven"'))!,
  ) as { eventId?: string; data: Record<string, unknown> };
  const misspelt = {
    ...enrolment,
    data: { ...enrolment.data, deltagareId: 'nb-99', insatsId: 'vagen' },
  };
  await writeFile(
    join(directory, 'insats.jsonl'),
    [lines[0], misspelt].map((line) => JSON.stringify(line)).join('\n'),
  );
  const unknownInsats = await run('record', 'insats.jsonl');
  t.is(unknownInsats.exitCode, 1);
  t.regex(unknownInsats.stderr, /^line 2: VALIDATION_FAILED: /m);
  t.regex(
    unknownInsats.stderr,
    /: data\.insatsId: "vagen" is not the id of a declared insats \(the slug of its name\): must be one of: vagen-vidare \(Vägen vidare\), unga-i-arbete \(Unga i arbete\), gemensam-kartlaggning \(Gemensam kartläggning\)\n {2}field data\.insatsId: rule declared-insats-id$/m,
  );
  t.regex(unknownInsats.stderr, /Refused: nothing was written\./);
  t.regex((await run('verify')).stdout, /intact: 27 events/, 'nothing was written');
});

test("every malformed line of an events file is named in one run, in the file's order, with the first line the rules of the books refuse among the others", async (t) => {
  const { directory, run } = await recordedFörbund(t);
  const cost = {
    type: 'KostnadBokförd',
    data: {
      datum: '2026-01-10',
      område: 'administrativa',
      post: 'Lokaler',
      belopp: '1000.00',
      text: 'Hyra',
      betalning: { sätt: 'bank' },
    },
    metadata: { recordedAt: '2026-01-12T09:00:00.000Z', recordedBy: 'ekonom' },
  };
  // The example's first enrolment, without its id: a participant line the register takes.
  const exampleLines = (await readFile(join(exampleDirectory, 'events.jsonl'), 'utf8')).split('\n');
  const { eventId: _exampleId, ...enrolment } = JSON.parse(
    exampleLines.find((line) => line.includes('"DeltagareInskriven"'))!,
  ) as { eventId: string; data: Record<string, unknown> };
  const file = [
    JSON.stringify(cost),
    JSON.stringify({ ...cost, data: { ...cost.data, belopp: '1 000,00' } }),
    '',
    JSON.stringify({ ...cost, data: { ...cost.data, moms: '250.00', okänd: 1 } }),
    '{"type": "KostnadBokförd", "data": ',
    JSON.stringify({ ...cost, type: 'KostnadBokford' }),
    JSON.stringify({ ...cost, metadata: { recordedBy: 'ekonom', verifikationsnummer: 'x' } }),
    // Well formed, but in a closed year: a rule of the books, checked on the lines not refused.
    JSON.stringify({ ...cost, data: { ...cost.data, datum: '2025-11-01' } }),
    // The register's lines are checked by its own catalog: a personnummer as the id is refused;
    // the example's enrolment again, without its id, repeats the recorded one.
    JSON.stringify({ ...enrolment, data: { ...enrolment.data, deltagareId: '19800101-1234' } }),
    JSON.stringify(enrolment),
  ].join('\n');
  await writeFile(join(directory, 'many.jsonl'), file);
  const refused = await run('record', 'many.jsonl', '--dry-run');
  t.is(refused.exitCode, 1);
  const heads = refused.stderr.split('\n').filter((line) => /^line \d+: /.test(line));
  t.deepEqual(
    heads.map((line) => /^line (\d+): ([A-Z_]+):/.exec(line)!.slice(1, 3).join(' ')),
    [
      '2 INVALID_AMOUNT',
      '4 VALIDATION_FAILED',
      '5 INVALID_EVENT',
      '6 UNKNOWN_EVENT_TYPE',
      '7 VALIDATION_FAILED',
      '8 YEAR_CLOSED',
      '9 PERSONNUMMER_REFUSED',
      '10 EVENT_ALREADY_RECORDED',
    ],
  );
  t.regex(refused.stderr, /field data\.deltagareId: rule no-personnummer/);
  t.false(refused.stderr.includes('19800101'), 'the refusal never repeats the personnummer');
  t.regex(refused.stderr, /field data\.belopp: rule decimal-format/);
  t.regex(
    refused.stderr,
    /: data\.okänd: is not a field here \(a typo\?\) \[known-field\]\n {2}field data\.okänd: rule known-field$/m,
  );
  t.regex(refused.stderr, /line 5: INVALID_EVENT: not JSON/);
  t.regex(
    refused.stderr,
    /unknown event type "KostnadBokford"; did you mean "KostnadBokförd"\? Known types: .*MedlemsbidragMottaget/,
  );
  t.regex(refused.stderr, /field metadata\.verifikationsnummer: /);
  t.regex(
    refused.stderr,
    /\(got "1 000,00"; write "1000\.00"\)/,
    'the amount as typed, and as meant',
  );
  // The rules are checked without the refused lines, which may be why they refuse line 8.
  t.regex(
    refused.stderr,
    /\n8 lines refused\.\nnote: line 8 was checked against the rules of the books without the refused lines 2, 4, 5, 6 and 7 before it: its refusal may follow from those lines left out\.\nRefused, in a dry run \(--dry-run\): nothing was written, and a dry run writes nothing anyway; without --dry-run the file would be refused the same\.\nhint: a line without an eventId repeats what the books hold/,
  );
  // Another word than a known type gets no guess.
  await writeFile(join(directory, 'faktura.jsonl'), JSON.stringify({ ...cost, type: 'Faktura' }));
  const unknown = await run('record', 'faktura.jsonl', '--dry-run');
  t.regex(unknown.stderr, /unknown event type "Faktura"; known types: /);
  // Every line JSON and of the books: recorded for real, refused, and then the lines are named.
  const booksOnly = file.split('\n').filter((_, index) => index !== 4 && index < 8);
  await writeFile(join(directory, 'books.jsonl'), booksOnly.join('\n'));
  const recorded = await run('record', 'books.jsonl');
  t.is(recorded.exitCode, 1);
  t.deepEqual(recorded.stderr.match(/^line \d+: [A-Z_]+/gm), [
    'line 2: INVALID_AMOUNT',
    'line 4: VALIDATION_FAILED',
    'line 5: UNKNOWN_EVENT_TYPE',
    'line 6: VALIDATION_FAILED',
    'line 7: YEAR_CLOSED',
  ]);
  await writeFile(
    join(directory, 'closed.jsonl'),
    [file.split('\n')[0], file.split('\n')[7]].join('\n'),
  );
  const closed = await run('record', 'closed.jsonl');
  t.is(closed.exitCode, 1);
  t.regex(closed.stderr, /^line 2: YEAR_CLOSED: /m);
  t.notRegex(closed.stderr, /lines refused/);
  const csv = Array.from({ length: 120 }, (_, index) => `${index};Hyra;1000,00`).join('\n');
  // A .csv is read as a spreadsheet (a usage error without --type); the same text under another
  // name is a JSON Lines file, refused line by line.
  await writeFile(join(directory, 'kostnader.csv'), csv);
  t.is((await run('record', 'kostnader.csv')).exitCode, 2);
  await writeFile(join(directory, 'kostnader.txt'), csv);
  const notJsonLines = await run('record', 'kostnader.txt');
  t.is(notJsonLines.exitCode, 1);
  t.is(notJsonLines.stderr.match(/^line \d+: INVALID_EVENT: not JSON/gm)?.length, 50);
  t.regex(
    notJsonLines.stderr,
    /^line 50: [^\n]*\n[^\n]*\n… and 70 more lines refused, not shown\.\n120 lines refused\.\n/m,
  );
  t.regex((await run('verify')).stdout, /intact: 27 events/, 'nothing was written');
});

test('usage errors name the value and what is allowed, with exit code 2', async (t) => {
  const { run } = t.context.shared;
  const cases: [string[], RegExp][] = [
    [
      ['report', '--year', 'abc'],
      /argument 'abc' is invalid\. "abc" is not a year: give four digits/,
    ],
    [['report', '--unit', 'foo'], /argument 'foo' is invalid\. Allowed choices are kr, tkr, mkr\./],
    [
      ['report', '--year', '2019'],
      /year 2019 is outside the books of Samordningsförbundet Norrbäcken .*: they hold 2024–2025\./,
    ],
    [['report', '--yeer', '2024'], /unknown option '--yeer'\n\(Did you mean --year\?\)/],
    [['reprot'], /unknown command 'reprot'\n\(Did you mean report\?\)/],
    [['import-sie', 'x.se'], /unknown command 'import-sie'\n\(Did you mean import sie\?\)/],
    [
      ['events', '--year', '2019'],
      /year 2019 is outside the books of Samordningsförbundet Norrbäcken .*: they hold events of 2024–2025\./,
    ],
    [
      ['events', '--type', 'Kostnad'],
      /argument 'Kostnad' is invalid\. Allowed choices are IngåendeBalansRegistrerad, /,
    ],
    [
      ['events', '--type', 'KostnadBokford'],
      /argument 'KostnadBokford' is invalid\. Did you mean "KostnadBokförd"\? Allowed choices are IngåendeBalansRegistrerad, /,
    ],
  ];
  for (const [args, message] of cases) {
    const result = await run(...args);
    t.is(result.exitCode, 2, args.join(' '));
    t.regex(result.stderr, message, args.join(' '));
    t.is(result.stdout, '', args.join(' '));
  }
  const help = await run('report', '--help');
  t.is(help.exitCode, 0);
  t.regex(help.stdout, /Exit codes:\n {2}0 {2}ok\n {2}1 {2}a refusal or a failed check/);
});

test('events lists JSON lines, filters by type and year, and a closed pipe ends quietly', async (t) => {
  const { directory, run } = t.context.shared;
  const closes = await run('events', '--type', 'RäkenskapsårStängt', '--year', '2024');
  const lines = closes.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  t.deepEqual(
    lines.map((event) => [event.type, event.data.år, event.data.åretsResultat]),
    [['RäkenskapsårStängt', 2024, '354000.00']],
  );
  const pipeline = `${finsamCommandLine.map((part) => `'${part}'`).join(' ')} events | head -1`;
  const piped = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(
      'bash',
      ['-o', 'pipefail', '-c', pipeline],
      { cwd: directory },
      (error, stdout, stderr) =>
        resolve({ code: (error as { code?: number } | null)?.code ?? 0, stdout, stderr }),
    ),
  );
  t.is(piped.code, 0, piped.stderr);
  t.is(piped.stderr, '');
  t.is(JSON.parse(piped.stdout).type, 'IngåendeBalansRegistrerad');
});

test('copy --to a new file store copies every event once; the copy verifies and gives the same report', async (t) => {
  const { run } = t.context.shared;
  const target = join(await mkdtemp(join(tmpdir(), 'finsam-copy-')), 'copy.jsonl');
  t.teardown(() => rm(join(target, '..'), { recursive: true, force: true }));
  const copied = await run('copy', '--to', target);
  t.is(copied.exitCode, 0, copied.stderr);
  t.regex(copied.stdout, /27 events read, 27 written, 0 already there/);
  t.regex(
    (await run('copy', '--to', target)).stdout,
    /27 events read, 0 written, 27 already there/,
  );
  const verified = await run('verify', '--store', target);
  t.regex(verified.stdout, /intact: 27 events/);
  const fromCopy = await run('report', '--store', target, '--format', 'json');
  t.deepEqual(
    JSON.parse(fromCopy.stdout),
    JSON.parse((await run('report', '--format', 'json')).stdout),
  );
  const same = await run('copy', '--to', 'finsam.jsonl');
  t.is(same.exitCode, 2);
  t.regex(same.stderr, /--to must name another store than --store \(both are finsam\.jsonl\)/);
  // The same file by another path is the same store.
  const samePath = await run('copy', '--to', `./finsam.jsonl`);
  t.is(samePath.exitCode, 2);
  t.regex(samePath.stderr, /--to must name another store than --store/);
  t.regex((await run('verify')).stdout, /intact: 27 events/, 'the source is untouched');
});

test('report into a closed pipe (| head -1) ends quietly, exit code 0 and nothing on stderr', async (t) => {
  const { directory } = t.context.shared;
  for (const format of ['text', 'json', 'csv', 'md']) {
    const pipeline = `${finsamCommandLine.map((part) => `'${part}'`).join(' ')} report --format ${format} | head -1`;
    const piped = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        'bash',
        ['-o', 'pipefail', '-c', pipeline],
        { cwd: directory },
        (error, stdout, stderr) =>
          resolve({ code: (error as { code?: number } | null)?.code ?? 0, stdout, stderr }),
      ),
    );
    t.is(piped.code, 0, `${format}: ${piped.stderr}`);
    t.is(piped.stderr, '', format);
    t.is(piped.stdout.split('\n').length, 2, `${format}: one line and its end`);
  }
});

test('files saved by Windows Notepad, with a byte order mark and CRLF line ends, are read as the text they hold', async (t) => {
  const { directory, run } = await freshFörbund(t);
  const bom = '\uFEFF';
  const configuration = await readFile(join(exampleDirectory, 'forbund.json'), 'utf8');
  await writeFile(join(directory, 'forbund.json'), `${bom}${configuration.replace(/\n/g, '\r\n')}`);
  const created = await run('init');
  t.is(created.exitCode, 0, created.stderr);
  const events = await readFile(join(exampleDirectory, 'events.jsonl'), 'utf8');
  await writeFile(join(directory, 'events.jsonl'), `${bom}${events.replace(/\n/g, '\r\n')}`);
  const recorded = await run('record', 'events.jsonl');
  t.is(recorded.exitCode, 0, recorded.stderr);
  t.regex(recorded.stdout, /recorded 27 events .* for norrbacken/);
});
