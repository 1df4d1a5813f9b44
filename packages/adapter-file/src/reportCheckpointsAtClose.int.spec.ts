import test from 'ava';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createLedger,
  createParticipantRegister,
  participantTables,
  replayAnnualReport,
  replayAnnualReportFromStore,
  runProjection,
  type CheckpointNotice,
  type EventToRecord,
} from '@finsam-ledger/core';
import { checkpointDirectoryPath } from './fileCheckpointStorage.js';
import { ok, openOk, temporaryDirectory } from './fileStore.testSupport.js';

// The readers' checkpoints (the annual report's fold, the participant register's) are saved by
// the writer when it records a year close, also one inside a batch: the first report after the
// books were written is read from them, and equals a full replay.

const metadata = { recordedAt: '2026-01-01T00:00:00.000Z', recordedBy: 'test' };
const förbundId = 'close';
const streamId = 'bokforing-close';

const cost = (datum: string, belopp: string): EventToRecord => ({
  type: 'KostnadBokförd',
  data: {
    datum,
    område: 'operativa',
    post: 'Post',
    belopp,
    moms: '0.00',
    text: `Kostnad ${datum}`,
    betalning: { sätt: 'bank' },
  },
  options: { metadata },
});

const contribution = (datum: string, belopp: string): EventToRecord => ({
  type: 'MedlemsbidragMottaget',
  data: {
    datum,
    medlem: 'Staten',
    medlemskategori: 'staten',
    period: datum.slice(0, 4),
    belopp,
  },
  options: { metadata },
});

/**
 * 2024 closed by `closeYear`, 2025 closed inside a `recordAll` batch that goes on into 2026, and
 * a participant enrolled in each year; the store is closed at the end, as a command closes it.
 */
async function recordHistory(path: string): Promise<void> {
  const store = await openOk(path);
  const ledger = createLedger({ store, förbundId });
  const register = createParticipantRegister({ store, förbundId });
  await ok(
    ledger.recordAll([
      {
        type: 'IngåendeBalansRegistrerad',
        data: {
          datum: '2024-01-01',
          text: 'IB',
          kassaOchBank: '50000.00',
          momsfordran: '0',
          balanseratResultat: '50000.00',
          öppnaPoster: [],
        },
        options: { metadata },
      },
      contribution('2024-02-01', '10000.00'),
      cost('2024-05-01', '3000.00'),
    ]),
  );
  for (const year of [2024, 2025, 2026])
    await ok(
      register.record(
        'DeltagareInskriven',
        {
          deltagareId: `p-${year}`,
          insatsId: 'steget',
          datum: `${year}-03-01`,
          kön: 'kvinna',
          anvisadFrån: 'försäkringskassan',
          försörjningVidInskrivning: 'sjuk- och rehabiliteringspenning',
          tidIOffentligFörsörjning: '1 till 3 år',
          hemkommun: 'Österåker',
        },
        { metadata },
      ),
    );
  await ok(ledger.closeYear(2024, '2025-02-15', { metadata }));
  await ok(
    ledger.recordAll([
      contribution('2025-02-01', '12000.00'),
      cost('2025-06-01', '4500.50'),
      {
        type: 'RäkenskapsårStängt',
        data: { år: 2025, datum: '2026-02-15', åretsResultat: '7499.50' },
        options: { metadata },
      },
      cost('2026-03-01', '800.00'),
      contribution('2026-03-02', '900.00'),
    ]),
  );
  await store.close();
}

test('a writer that records year closes leaves the report checkpoints behind: the first report reads from them and equals a full replay', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'books.jsonl');
  await recordHistory(path);

  const saved = await readdir(checkpointDirectoryPath(path));
  for (const year of [2024, 2025]) {
    t.true(saved.includes(`annual-report.v7.${streamId}.${year}.json`), `annual report ${year}`);
    t.true(
      saved.includes(`participant-register.v1.${streamId}.${year}.json`),
      `participant register ${year}`,
    );
  }

  const reader = await openOk(path, { mode: 'read-only' });
  for (const year of [2025, 2026]) {
    const notices: CheckpointNotice[] = [];
    const { totals: _totals, ...fromCheckpoints } = await replayAnnualReportFromStore(
      reader,
      streamId,
      year,
      { observe: (notice) => notices.push(notice) },
    );
    // The checkpoint of the last close is used; nothing is folded from the start or saved.
    t.deepEqual(
      notices.map((notice) => `${notice.kind} ${'year' in notice ? notice.year : ''}`),
      ['used 2025'],
    );
    const { totals: _replayedTotals, ...replayed } = await replayAnnualReport(
      reader.readStream(streamId),
      year,
    );
    t.deepEqual(fromCheckpoints, replayed);
  }
  const report2026 = await replayAnnualReport(reader.readStream(streamId), 2026);
  t.is(
    report2026.resultaträkning.rows
      .find((row) => row.key === 'årets-resultat')
      ?.amounts[0]?.toString(),
    '100.00',
  );

  const notices: CheckpointNotice[] = [];
  const register = createParticipantRegister({
    store: reader,
    förbundId,
    observe: (notice) => notices.push(notice),
  });
  const tables = await ok(register.tables(2026));
  t.deepEqual(
    notices.map((notice) => notice.kind),
    ['used'],
  );
  t.deepEqual(tables, await runProjection(register.replay(), participantTables(2026)));
  t.is(tables.insatser[0]?.sinceStart.tables.enrolled.samtliga, 3);
  await reader.close();
});
