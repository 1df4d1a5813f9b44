import test from 'ava';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { openFileEventStore, type FileEventStore } from '@finsam-ledger/adapter-file';
import type { NewEvent, StoredEvent } from '@finsam-ledger/core';
import { readSie } from '@finsam-ledger/sie';
import { repositoryRoot, runFinsamProcess } from './runCli.testSupport.js';

// `finsam export sie` and `finsam export hledger` register a verifikation when the books took
// it in: the store's own stamp of its event (`storedAt`), not the writer's claim
// (`recordedAt`). Roslagen's store was built with a clock that stamps each event at its
// recordedAt, so its events are stored again here by a store whose clock runs years later:
// every registration date the exports write must then be that store's stamp. The clock stamps
// at 23:30 UTC, already the next day in Sweden (00:30 CET, 01:30 CEST): SIE's regdatum is a
// day in Sweden, the hledger tag the instant itself.

const roslagenStore = join(repositoryRoot, 'examples/roslagen/data/roslagen.finsam.jsonl');
const roslagenConfig = join(repositoryRoot, 'examples/roslagen/forbund.json');
const year = '2021';

async function opened(
  path: string,
  options: Parameters<typeof openFileEventStore>[0] = { path },
): Promise<FileEventStore> {
  const store = await openFileEventStore({ ...options, path })();
  if (E.isLeft(store)) throw store.left;
  return store.right;
}

/** The events as a writer gave them: what an append takes. */
const asNew = ({ eventId, type, schemaVersion, data, metadata }: StoredEvent): NewEvent => ({
  eventId,
  type,
  schemaVersion,
  data,
  metadata,
});

/**
 * Stores Roslagen's events again, in their order, in batches of one stream; the store's clock
 * starts in 2030 and moves one day per append, far from every recordedAt (2017–2023).
 */
async function restampedRoslagen(path: string): Promise<void> {
  let appendCount = 0;
  const clock = () => new Date(Date.UTC(2030, 0, 1 + appendCount, 23, 30));
  const target = await opened(path, { path, clock });
  const source = await opened(roslagenStore, { path: roslagenStore, mode: 'read-only' });
  const append = async (batch: readonly StoredEvent[]) => {
    const appended = await target.appendToStream(batch[0]!.streamId, batch.map(asNew))();
    if (E.isLeft(appended)) throw appended.left;
    appendCount += 1;
  };
  let batch: StoredEvent[] = [];
  for await (const event of source.readAll()) {
    if (batch.length === 25 || (batch.length > 0 && batch[0]!.streamId !== event.streamId)) {
      await append(batch);
      batch = [];
    }
    batch.push(event);
  }
  await append(batch);
  await source.close();
  await target.close();
}

/** What the store says of each event: when it stored it, and when its writer said it was. */
async function stampsOf(path: string): Promise<Map<string, StoredEvent>> {
  const store = await opened(path, { path, mode: 'read-only' });
  const byId = new Map<string, StoredEvent>();
  for await (const event of store.readAll()) byId.set(event.eventId, event);
  await store.close();
  return byId;
}

/** The day after a `YYYY-MM-DD` day. */
const dayAfter = (day: string): string =>
  new Date(Date.parse(`${day}T12:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);

/** The lines of an export that do not say when it was made (`#GEN` and the `#KSUMMA` over it). */
const withoutGeneration = (bytes: Buffer): string[] =>
  bytes
    .toString('latin1')
    .split('\r\n')
    .filter((line) => !line.startsWith('#GEN') && !line.startsWith('#KSUMMA'));

test('the SIE #VER regdatum and the hledger registrerad tag are the store stamp of the event, and the same store exports the same bytes', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-registration-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const storePath = join(directory, 'roslagen.finsam.jsonl');
  await restampedRoslagen(storePath);
  const events = await stampsOf(storePath);
  const books = ['--store', storePath, '--config', roslagenConfig, '--year', year];

  const exportTwice = async (format: 'sie' | 'hledger') => {
    const files = [join(directory, `first.${format}`), join(directory, `second.${format}`)];
    for (const file of files) {
      const run = await runFinsamProcess(['export', format, ...books, '--out', file], {
        cwd: directory,
      });
      t.is(run.exitCode, 0, run.stderr);
    }
    return Promise.all(files.map((file) => readFile(file)));
  };

  const [sie, sieAgain] = await exportTwice('sie');
  t.deepEqual(withoutGeneration(sie!), withoutGeneration(sieAgain!));
  const read = readSie(sie!);
  const ledgerNumberOf = new Map(
    (read.finsamVerifikationer ?? []).map((record) => [
      `${record.series} ${record.number}`,
      record.ledgerNumber,
    ]),
  );
  // The ledger's verifikation number names its event in the hledger journal's tags.
  const [journal, journalAgain] = await exportTwice('hledger');
  t.is(journal!.toString('utf8'), journalAgain!.toString('utf8'));
  const transactions = [
    ...journal!
      .toString('utf8')
      .matchAll(/verifikation:(\d{4}-\d+), eventId:([0-9a-f-]{36}).*registrerad:([^,\s]+)/g),
  ];
  const eventIdOf = new Map(transactions.map(([, number, eventId]) => [number!, eventId!]));

  t.true(read.verifikationer.length > 100, `${read.verifikationer.length} #VER`);
  for (const verifikation of read.verifikationer) {
    const key = `${verifikation.series} ${verifikation.number}`;
    const event = events.get(eventIdOf.get(ledgerNumberOf.get(key)!)!)!;
    t.is(verifikation.registrationDate, dayAfter(event.storedAt!.slice(0, 10)), key);
    t.not(verifikation.registrationDate, event.metadata.recordedAt.slice(0, 10), key);
  }

  t.is(transactions.length, read.verifikationer.length);
  for (const [, number, eventId, registrerad] of transactions) {
    const event = events.get(eventId!)!;
    t.is(registrerad, event.storedAt, number);
    t.not(registrerad, event.metadata.recordedAt, number);
  }
});
