import test from 'ava';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createLedger,
  createParticipantRegister,
  participantTables,
  runProjection,
  type CheckpointNotice,
} from '@finsam-ledger/core';
import { checkpointDirectoryPath } from './fileCheckpointStorage.js';
import {
  booksMetadata as metadata,
  contributions,
  openingBalanceOf2020,
} from './contributions.testSupport.js';
import { collect, ok, openOk, temporaryDirectory } from './fileStore.testSupport.js';
import { verifyFileEventStore } from './verify.js';
import { encodeSeekIndex, loadSeekIndex, seekIndexPath } from './seekIndex.js';

// The participant register's checkpoints on the file store: saved beside the store at the books'
// year closes, used by a read-only reader that then reads only the store after the close (the
// seek index takes its `readAll` there), discarded and rebuilt when altered; and `readAll` from
// any position is the same events whichever seek index entry it starts at, a wrong one included.

const förbundId = 'pc';
const checkpointOf2021 = 'participant-register.v1.bokforing-pc.2021.json';

const enrolment = (deltagareId: string, datum: string) => ({
  deltagareId,
  insatsId: 'steget',
  datum,
  kön: deltagareId.endsWith('1') ? 'man' : 'kvinna',
  anvisadFrån: 'försäkringskassan',
  försörjningVidInskrivning: 'sjuk- och rehabiliteringspenning',
  tidIOffentligFörsörjning: '1 till 3 år',
  hemkommun: 'Österåker',
});

/** Books over three years (2020 and 2021 closed) with participants enrolled and concluded. */
async function recordHistory(path: string): Promise<void> {
  const store = await openOk(path);
  const ledger = createLedger({ store, förbundId });
  const register = createParticipantRegister({ store, förbundId });
  await ok(ledger.record('IngåendeBalansRegistrerad', openingBalanceOf2020(), { metadata }));
  for (const year of [2020, 2021, 2022]) {
    for (let batch = 0; batch < 4; batch += 1) {
      await ok(ledger.recordAll(contributions(year, 108, batch * 108)));
      const deltagareId = `p-${year}-${batch}`;
      await ok(
        register.record('DeltagareInskriven', enrolment(deltagareId, `${year}-0${batch + 2}-01`), {
          metadata,
        }),
      );
      if (batch % 2 === 1)
        await ok(
          register.record(
            'DeltagareAvslutad',
            { deltagareId, insatsId: 'steget', datum: `${year}-11-30`, avslutsorsak: 'studier' },
            { metadata },
          ),
        );
    }
    if (year < 2022) await ok(ledger.closeYear(year, `${year + 1}-02-15`, { metadata }));
  }
  await store.close();
}

/** The tables of `year` from a read-only reader, what happened to its checkpoints, and a replay. */
async function readTables(path: string, year: number) {
  const reader = await openOk(path, { mode: 'read-only' });
  const notices: CheckpointNotice[] = [];
  const register = createParticipantRegister({
    store: reader,
    förbundId,
    observe: (notice) => notices.push(notice),
  });
  const tables = await ok(register.tables(year));
  const replayed = await runProjection(register.replay(), participantTables(year));
  await reader.close();
  return {
    tables,
    replayed,
    notices: notices.map((notice) =>
      notice.kind === 'discarded' ? `discarded ${notice.reason}` : `${notice.kind}`,
    ),
  };
}

test('participant tables come from the checkpoint of the last close beside the file store, rebuilt when altered', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'books.jsonl');
  await recordHistory(path);
  // The writer saved these checkpoints at its closes (reportCheckpointsAtClose.int.spec.ts); a
  // reader without them folds the whole store and saves them.
  for (const name of await readdir(checkpointDirectoryPath(path)))
    if (name.startsWith('participant-register.'))
      await rm(join(checkpointDirectoryPath(path), name));
  const cold = await readTables(path, 2022);
  t.deepEqual(cold.notices, ['saved', 'saved']);
  t.deepEqual(cold.tables, cold.replayed);
  t.is(cold.tables.insatser[0]?.sinceStart.tables.enrolled.samtliga, 12);
  t.is(cold.tables.insatser[0]?.year.tables.concluded.samtliga, 2);
  const saved = await readdir(checkpointDirectoryPath(path));
  t.true(saved.includes(checkpointOf2021));
  t.true(saved.includes('participant-register.v1.bokforing-pc.2020.json'));

  const warm = await readTables(path, 2022);
  t.deepEqual(warm.notices, ['used']);
  t.deepEqual(warm.tables, cold.replayed);
  t.deepEqual((await readTables(path, 2021)).tables, (await readTables(path, 2021)).replayed);

  const file = join(checkpointDirectoryPath(path), checkpointOf2021);
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace('"p-2021-3"', '"p-2021-9"'), 'utf8');
  const tampered = await readTables(path, 2022);
  t.deepEqual(tampered.notices, ['discarded digest-mismatch', 'used', 'saved']);
  t.deepEqual(tampered.tables, cold.replayed);
  t.is(await readFile(file, 'utf8'), text, 'rebuilt as it was');
});

test('readAll from any position reads the same events whichever seek index entry it starts at', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'books.jsonl');
  await recordHistory(path);
  const reader = await openOk(path, { mode: 'read-only' });
  const every = await collect(reader.readAll());
  await reader.close();
  const positions = [0, 5, 600, 1023, 1024, 1100, every.at(-3)!.globalPosition, 99_999];
  const readFrom = async (fromPosition: number) => {
    const again = await openOk(path, { mode: 'read-only' });
    const read = await collect(again.readAll({ fromPosition }));
    await again.close();
    return read;
  };
  for (const position of positions)
    t.deepEqual(
      await readFrom(position),
      every.filter((event) => event.globalPosition >= position),
      `from ${position}`,
    );

  // A wrong entry (one byte off) is found when the walk lands elsewhere: the read is still right.
  const index = await loadSeekIndex(
    path,
    JSON.parse((await readFile(path, 'utf8')).split('\n')[0]!).storeId,
    JSON.parse((await readFile(path, 'utf8')).split('\n')[0]!).hash,
  );
  if (typeof index === 'string') return t.fail(`no seek index: ${index}`);
  const entries = index.entries.get('bokforing-pc')!;
  t.true(entries.length >= 2, `${entries.length} entries`);
  entries[1] = { ...entries[1]!, offsetBytes: entries[1]!.offsetBytes + 1 };
  await writeFile(seekIndexPath(path), encodeSeekIndex(index), 'utf8');
  const from = entries[1]!.position + 3;
  t.deepEqual(
    await readFrom(from),
    every.filter((event) => event.globalPosition >= from),
  );
  t.is((await ok(verifyFileEventStore({ path }))).derived?.index, 'ok', 'the reader rebuilt it');
});
