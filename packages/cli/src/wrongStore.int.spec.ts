import test from 'ava';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFinsamProcess } from './runCli.testSupport.js';

// A --store that is not this förbund's store file. A file store serves one förbund: Roslagen's
// store read or written with Norrbäcken's configuration is refused before anything is read into
// a report or written, instead of an audit that passes over no events or a record that mixes two
// förbund's books in one file. A directory given for the file is refused naming --store.

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

/** Given: Roslagen's store and Norrbäcken's configuration in a fresh directory. */
async function givenRoslagenStoreWithNorrbäckensConfiguration() {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-foreign-'));
  await copyFile(
    join(examples, 'roslagen/data/roslagen.finsam.jsonl'),
    join(directory, 'finsam.jsonl'),
  );
  await copyFile(join(examples, 'norrbacken/forbund.json'), join(directory, 'forbund.json'));
  const events = await readFile(join(examples, 'norrbacken/events.jsonl'), 'utf8');
  await writeFile(join(directory, 'norrbacken.jsonl'), events.split('\n').slice(0, 3).join('\n'));
  return directory;
}

const refusal =
  /STORE_OF_ANOTHER_FORBUND.*finsam\.jsonl holds another förbund's books \(its first event is in stream [a-z]+-roslagen\) and none of norrbacken's/s;

test('audit, report and record refuse a file store that holds another förbund’s books, and write nothing to it', async (t) => {
  const directory = await givenRoslagenStoreWithNorrbäckensConfiguration();
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const before = await readFile(join(directory, 'finsam.jsonl'));
  for (const args of [['audit'], ['report', '--year', '2022'], ['record', 'norrbacken.jsonl']]) {
    const run = await runFinsamProcess(args, { cwd: directory });
    t.is(run.exitCode, 1, `${args[0]}: ${run.stderr}`);
    t.regex(run.stderr, refusal, args[0]);
    t.regex(run.stderr, /förbundId.*store-holds-förbund/s, args[0]);
    t.is(run.stdout, '', args[0]);
  }
  t.deepEqual(await readFile(join(directory, 'finsam.jsonl')), before, 'the store is unchanged');
  // With its own förbund's configuration the same store is audited as before.
  await copyFile(join(examples, 'roslagen/forbund.json'), join(directory, 'forbund.json'));
  const own = await runFinsamProcess(['audit'], { cwd: directory });
  t.is(own.exitCode, 0, own.stderr);
});

test('a store path that is a directory is refused naming its option, by verify, report, record and copy alike', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-directory-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  await copyFile(join(examples, 'norrbacken/forbund.json'), join(directory, 'forbund.json'));
  await writeFile(join(directory, 'events.jsonl'), '');
  for (const args of [['verify'], ['report'], ['record', 'events.jsonl']]) {
    const run = await runFinsamProcess([...args, '--store', '.'], { cwd: directory });
    t.is(run.exitCode, 1, `${args[0]}: ${run.stderr}`);
    t.regex(
      run.stderr,
      /^NOT_A_STORE: \. is a directory, not a file store: give --store the store's file/m,
      args[0],
    );
    t.regex(run.stderr, /field --store: rule store-is-a-file/, args[0]);
  }
  t.deepEqual((await readdir(directory)).sort(), ['events.jsonl', 'forbund.json']);
  // copy names the option that gave the directory.
  await copyFile(join(examples, 'roslagen/data/roslagen.finsam.jsonl'), join(directory, 'r.jsonl'));
  const copy = await runFinsamProcess(['copy', '--store', 'r.jsonl', '--to', '.'], {
    cwd: directory,
  });
  t.is(copy.exitCode, 1, copy.stderr);
  t.regex(
    copy.stderr,
    /^NOT_A_STORE: \. is a directory, not a file store: give --to the store's file/m,
  );
  t.regex(copy.stderr, /field --to: rule store-is-a-file/);
});

test('every command that reads the books, run where there is no store, says so, names --store and finsam init, and creates nothing', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-nostore-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  await copyFile(join(examples, 'roslagen/forbund.json'), join(directory, 'forbund.json'));
  const sie = join(directory, 'bokforing.se');
  await writeFile(sie, '#FLAGGA 0\n#SIETYP 4\n');
  for (const args of [
    ['verify'],
    ['audit'],
    ['report'],
    ['huvudbok'],
    ['verifikationer'],
    ['reskontra', '--date', '2022-12-31'],
    ['events'],
    ['import', 'sie', sie, '--dry-run'],
  ]) {
    const run = await runFinsamProcess(args, { cwd: directory });
    t.is(run.exitCode, 1, `${args.join(' ')}: ${run.stderr}`);
    t.regex(
      run.stderr,
      /^IO_ERROR: There is no store finsam\.jsonl: give --store, or create one with finsam init\.\n {2}field --store: rule store-exists/,
      args.join(' '),
    );
    t.is(run.stdout, '', args.join(' '));
  }
  t.deepEqual((await readdir(directory)).sort(), ['bokforing.se', 'forbund.json']);
});
