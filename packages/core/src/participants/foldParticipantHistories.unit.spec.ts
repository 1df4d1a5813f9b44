import test from 'ava';
import type { CheckpointNotice } from '../checkpoints/checkpointShelf.js';
import {
  checkpointingMemoryStore,
  type CheckpointingMemoryStore,
} from '../checkpoints/memoryCheckpointStorage.testSupport.js';
import { ok } from '../checkpoints/ok.testSupport.js';
import { createLedger } from '../facade/createLedger.js';
import { runProjection } from '../projections/Projection.js';
import { createParticipantRegister } from './createParticipantRegister.js';
import { enrolmentData } from './participantEvents.testScenario.js';
import { participantTables } from './projections/participantTables.js';

const metadata = { recordedAt: '2026-01-01T00:00:00.000Z', recordedBy: 'test' };
const förbundId = 'unit';
const checkpointOf2024 = 'participant-register.v1.bokforing-unit.2024.json';

/**
 * Books with 2024 closed, and participants: `enrolledIn2024` enrolled before the close, one
 * concluded after it (dated 2024, recorded late) and one enrolled in 2025.
 */
async function history(enrolledIn2024: readonly string[]): Promise<CheckpointingMemoryStore> {
  const store = checkpointingMemoryStore();
  const ledger = createLedger({ store, förbundId });
  const register = createParticipantRegister({ store, förbundId });
  await ok(
    ledger.record(
      'IngåendeBalansRegistrerad',
      {
        datum: '2024-01-01',
        text: 'IB',
        kassaOchBank: '5000.00',
        momsfordran: '0',
        balanseratResultat: '5000.00',
        öppnaPoster: [],
      },
      { metadata },
    ),
  );
  for (const deltagareId of enrolledIn2024)
    await ok(
      register.record(
        'DeltagareInskriven',
        enrolmentData({ deltagareId, insatsId: 'steget', datum: '2024-03-01' }),
        { metadata },
      ),
    );
  await ok(ledger.closeYear(2024, '2025-02-15', { metadata }));
  await ok(
    register.record(
      'DeltagareAvslutad',
      {
        deltagareId: enrolledIn2024[0],
        insatsId: 'steget',
        datum: '2024-12-20',
        avslutsorsak: 'arbete',
      },
      { metadata },
    ),
  );
  await ok(
    register.record(
      'DeltagareInskriven',
      enrolmentData({ deltagareId: 'p-2025', insatsId: 'steget', datum: '2025-04-01' }),
      { metadata },
    ),
  );
  return store;
}

/** The tables of `year` through checkpoints, with what happened to them, beside a full replay. */
async function tablesOf(store: CheckpointingMemoryStore, year: number) {
  const notices: CheckpointNotice[] = [];
  const register = createParticipantRegister({
    store,
    förbundId,
    observe: (notice) => notices.push(notice),
  });
  const tables = await ok(register.tables(year));
  await store.idle();
  const replayed = await runProjection(
    store.plain.readStream(register.streamId),
    participantTables(year),
  );
  return {
    tables,
    replayed,
    notices: notices.map((notice) => [notice.kind, noticeDetail(notice)]),
  };
}

const noticeDetail = (notice: CheckpointNotice): string | number =>
  notice.kind === 'discarded'
    ? notice.reason
    : notice.kind === 'save-failed'
      ? notice.message
      : notice.year;

test('a participant checkpoint is saved at the books’ year close and used after it', async (t) => {
  const store = await history(['p-1', 'p-2']);
  const first = await tablesOf(store, 2024);
  t.deepEqual(first.notices, [['saved', 2024]]);
  t.true(store.files.has(checkpointOf2024));
  t.deepEqual(first.tables, first.replayed);
  const second = await tablesOf(store, 2024);
  t.deepEqual(second.notices, [['used', 2024]]);
  t.deepEqual(second.tables, first.replayed);
  // The conclusion recorded after the close, dated 2024, is in the 2024 tables.
  const steget = second.tables.insatser.find((insats) => insats.insatsId === 'steget');
  t.is(steget?.year.tables.concluded.samtliga, 1);
  t.deepEqual((await tablesOf(store, 2025)).tables, (await tablesOf(store, 2025)).replayed);
});

test('a tampered participant checkpoint is discarded, never trusted, and rebuilt', async (t) => {
  const store = await history(['p-1', 'p-2']);
  await tablesOf(store, 2024);
  const text = store.files.get(checkpointOf2024)!;
  t.true(text.includes('"p-2"'));
  // Someone removes a participant from the saved state: its digest no longer matches.
  store.files.set(checkpointOf2024, text.replace('"p-2"', '"p-3"'));
  const tampered = await tablesOf(store, 2024);
  t.deepEqual(tampered.notices, [
    ['discarded', 'digest-mismatch'],
    ['saved', 2024],
  ]);
  t.deepEqual(tampered.tables, tampered.replayed);
  t.is(store.files.get(checkpointOf2024), text, 'the rebuilt checkpoint is the original');
  t.deepEqual((await tablesOf(store, 2024)).notices, [['used', 2024]]);
});

test('a checkpoint of another participant history is stale: discarded and rebuilt', async (t) => {
  // The same books (their chain hash at the close agrees), other participants before the close.
  const store = await history(['p-1', 'p-2']);
  const other = await history(['p-1', 'p-9']);
  await tablesOf(other, 2024);
  store.files.set(checkpointOf2024, other.files.get(checkpointOf2024)!);
  const stale = await tablesOf(store, 2024);
  t.deepEqual(stale.notices, [
    ['used', 2024],
    ['discarded', 'stale'],
    ['saved', 2024],
  ]);
  t.deepEqual(stale.tables, stale.replayed);
  t.is(stale.tables.insatser[0]?.year.tables.anvisadFrån.total.samtliga, 2);
  t.notDeepEqual(store.files.get(checkpointOf2024), other.files.get(checkpointOf2024));
  // A storage that cannot remove what it holds (read-only) is not asked the same thing forever.
  const keptHistory = await history(['p-1', 'p-2']);
  for (const [name, text] of other.files) keptHistory.files.set(name, text);
  Object.assign(keptHistory.checkpoints, { remove: async () => undefined });
  const unremovable = await tablesOf(keptHistory, 2024);
  t.deepEqual(unremovable.notices, [
    ['used', 2024],
    ['discarded', 'stale'],
    ['saved', 2024],
  ]);
  t.deepEqual(unremovable.tables, stale.tables);
});

test('a checkpoint of other books is stale: discarded and rebuilt', async (t) => {
  const store = await history(['p-1', 'p-2']);
  await tablesOf(store, 2024);
  const copied = store.files.get(checkpointOf2024)!;
  // A store whose books differ before the close: the books' chain hash there disagrees.
  const rewritten = checkpointingMemoryStore();
  await ok(
    createLedger({ store: rewritten, förbundId }).record(
      'IngåendeBalansRegistrerad',
      {
        datum: '2024-01-01',
        text: 'IB',
        kassaOchBank: '7000.00',
        momsfordran: '0',
        balanseratResultat: '7000.00',
        öppnaPoster: [],
      },
      { metadata },
    ),
  );
  await ok(
    createLedger({ store: rewritten, förbundId }).closeYear(2024, '2025-02-15', { metadata }),
  );
  rewritten.files.set(checkpointOf2024, copied);
  const stale = await tablesOf(rewritten, 2024);
  t.deepEqual(stale.notices, [
    ['discarded', 'stale'],
    ['saved', 2024],
  ]);
  t.deepEqual(stale.tables, { år: 2024, insatser: [] });
});
