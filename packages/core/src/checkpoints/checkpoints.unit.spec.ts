import test from 'ava';
import { defaultChart, defineChart } from '../bookkeeping/ChartOfAccounts.js';
import { createLedger } from '../facade/createLedger.js';
import { replayAnnualReport } from '../statements/annualReport.js';
import { closedYearsWithChangedResult } from '../statements/LedgerTotals.js';
import { bookkeepingRecorderCheckpoints } from './bookkeepingRecorderCheckpoints.js';
import { serialiseBookkeepingState } from './bookkeepingStateCheckpoint.js';
import { saveCheckpoint, type CheckpointNotice } from './checkpointShelf.js';
import type { CheckpointStorage } from '../store/CheckpointStorage.js';
import { replayAnnualReportFromStore } from './foldAnnualReport.js';
import { checkpointingMemoryStore } from './memoryCheckpointStorage.testSupport.js';
import { ok } from './ok.testSupport.js';

const metadata = { recordedAt: '2026-01-01T00:00:00.000Z', recordedBy: 'test' };

/** A cost of 2024 bought on credit: leverantörsskuld F-1 of `belopp`. */
const invoiceOwed = (ledger: ReturnType<typeof createLedger>, belopp: string) =>
  ledger.record(
    'KostnadBokförd',
    {
      datum: '2024-11-01',
      område: 'operativa',
      post: 'Post',
      belopp,
      moms: '0.00',
      text: 'Faktura',
      betalning: { sätt: 'leverantörsskuld', postId: 'F-1' },
    },
    { metadata },
  );
const streamId = 'bokforing-unit';

/** Two years of books, 2024 closed, with a payable paid after the year end. */
async function books() {
  const store = checkpointingMemoryStore();
  const ledger = createLedger({ store, förbundId: 'unit' });
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
  await ok(invoiceOwed(ledger, '1200.00'));
  await ok(ledger.closeYear(2024, '2025-02-15', { metadata }));
  await ok(
    ledger.record(
      'LeverantörsskuldBetald',
      { datum: '2025-03-01', postId: 'F-1', belopp: '1200.00' },
      { metadata },
    ),
  );
  await store.idle();
  return store;
}

const reportJson = ({ totals: _totals, ...report }: { totals: unknown }) => JSON.stringify(report);

test('a checkpoint folded with another chart of accounts is stale: discarded, and the report is the full replay’s', async (t) => {
  const store = await books();
  await replayAnnualReportFromStore(store, streamId, 2025);
  const renamed = defineChart({ ...defaultChart, name: 'En annan kontoplan' });
  const notices: CheckpointNotice[] = [];
  const report = await replayAnnualReportFromStore(store, streamId, 2025, {
    chart: renamed,
    observe: (notice) => notices.push(notice),
  });
  t.like(notices[0], { kind: 'discarded', reason: 'stale' });
  t.regex((notices[0] as { message: string }).message, /another chart of accounts/);
  const full = await replayAnnualReport(store.plain.readStream(streamId), 2025, { chart: renamed });
  t.is(reportJson(report), reportJson(full));
});

test('a chart with the same roles listed in another order folds the same: its checkpoints are used, not discarded as stale', async (t) => {
  const store = await books();
  await replayAnnualReportFromStore(store, streamId, 2025);
  const reordered = defineChart({
    ...defaultChart,
    roles: Object.fromEntries(
      Object.entries(defaultChart.roles).reverse(),
    ) as unknown as typeof defaultChart.roles,
  });
  const notices: CheckpointNotice[] = [];
  const report = await replayAnnualReportFromStore(store, streamId, 2025, {
    chart: reordered,
    observe: (notice) => notices.push(notice),
  });
  t.deepEqual(
    notices.map((notice) => notice.kind),
    ['used'],
  );
  const full = await replayAnnualReport(store.plain.readStream(streamId), 2025);
  t.is(reportJson(report), reportJson(full));
});

test('a tampered write-side checkpoint is discarded and the writer folds from the first event, to the same state', async (t) => {
  const store = await books();
  const name = [...store.files.keys()].find((key) => key.startsWith('bookkeeping-decider'));
  t.truthy(name, 'the writer saved its checkpoint at the close of 2024');
  store.files.set(name!, store.files.get(name!)!.replace('"5000.00"', '"5001.00"'));
  const resumed = await ok(createLedger({ store, förbundId: 'unit' }).state());
  const folded = await ok(createLedger({ store: store.plain, förbundId: 'unit' }).state());
  t.is(
    JSON.stringify(serialiseBookkeepingState(resumed)),
    JSON.stringify(serialiseBookkeepingState(folded)),
  );
  await store.idle();
  t.false(store.files.get(name!)?.includes('"5001.00"') ?? false, 'the tampered text is gone');
});

test('a checkpoint of another history under the same name is stale by its chain hash', async (t) => {
  const store = await books();
  await replayAnnualReportFromStore(store, streamId, 2025);
  const other = checkpointingMemoryStore();
  const otherLedger = createLedger({ store: other, förbundId: 'unit' });
  await ok(
    otherLedger.record(
      'IngåendeBalansRegistrerad',
      {
        datum: '2024-01-01',
        text: 'IB',
        kassaOchBank: '9.00',
        momsfordran: '0',
        balanseratResultat: '9.00',
        öppnaPoster: [],
      },
      { metadata },
    ),
  );
  await ok(otherLedger.closeYear(2024, '2025-02-15', { metadata }));
  for (const [name, text] of store.files) other.files.set(name, text);
  const notices: CheckpointNotice[] = [];
  const report = await replayAnnualReportFromStore(other, streamId, 2025, {
    observe: (notice) => notices.push(notice),
  });
  t.true(notices.some((notice) => notice.kind === 'discarded' && notice.reason === 'stale'));
  t.is(
    reportJson(report),
    reportJson(await replayAnnualReport(other.plain.readStream(streamId), 2025)),
  );
});

/**
 * One amount has at most 15 digits before the point, and so has a year's result (the year close
 * records it), but a balance sums many amounts: a cost of the largest amount on credit and two
 * contributions of it received leave the year's result at that amount and the bank at twice it,
 * 16 digits.
 */
async function booksOfLargestAmounts() {
  const store = checkpointingMemoryStore();
  const ledger = createLedger({ store, förbundId: 'unit' });
  const largest = '999999999999999.99';
  await ok(invoiceOwed(ledger, largest));
  for (const [medlem, medlemskategori] of [
    ['Staten', 'staten'],
    ['Täby kommun', 'kommun'],
  ] as const)
    await ok(
      ledger.record(
        'MedlemsbidragMottaget',
        { datum: '2024-11-02', medlem, medlemskategori, period: '2024', belopp: largest },
        { metadata },
      ),
    );
  await ok(ledger.closeYear(2024, '2025-02-15', { metadata }));
  await store.idle();
  return store;
}

test('a balance past the 15 digits of one amount, which legal events reach, is read back from the write side’s and the report’s checkpoints: used, not discarded and folded again at every open', async (t) => {
  const store = await booksOfLargestAmounts();
  const checkpoint = [...store.files].find(([name]) => name.startsWith('bookkeeping-decider'));
  t.regex(checkpoint?.[1] ?? '', /"1999999999999999\.98"/, 'the bank’s balance has 16 digits');
  const notices: CheckpointNotice[] = [];
  const resumed = await bookkeepingRecorderCheckpoints(store, streamId, defaultChart, (notice) =>
    notices.push(notice),
  )!.resume();
  t.deepEqual(
    notices.map((notice) => notice.kind),
    ['used'],
  );
  const folded = await ok(createLedger({ store: store.plain, förbundId: 'unit' }).state());
  t.is(
    JSON.stringify(serialiseBookkeepingState(resumed!.state)),
    JSON.stringify(serialiseBookkeepingState(folded)),
  );
  const reportNotices: CheckpointNotice[] = [];
  await replayAnnualReportFromStore(store, streamId, 2025);
  await store.idle();
  const report = await replayAnnualReportFromStore(store, streamId, 2025, {
    observe: (notice) => reportNotices.push(notice),
  });
  t.deepEqual(
    reportNotices.map((notice) => notice.kind),
    ['used'],
  );
  t.is(
    reportJson(report),
    reportJson(await replayAnnualReport(store.plain.readStream(streamId), 2025)),
  );
});

test('a state that JSON cannot hold is a failed save, reported, never a throw to the caller', async (t) => {
  const written: string[] = [];
  const storage = {
    chainHashAt: async () => 'ab'.repeat(32),
    list: async () => [],
    read: async () => undefined,
    write: async (name: string) => void written.push(name),
    remove: async () => undefined,
  } as unknown as CheckpointStorage;
  const kind = {
    projection: 'test-projection',
    codeVersion: 1,
    serialise: (state: unknown) => state,
    deserialise: (serialised: unknown) => serialised,
  };
  const notices: CheckpointNotice[] = [];
  const at = { streamId: 'books', year: 2024, revision: 3 };
  await saveCheckpoint(storage, kind, at, { belopp: 10n }, (notice) => notices.push(notice));
  await saveCheckpoint(storage, kind, at, { belopp: '10.00' }, (notice) => notices.push(notice));

  t.deepEqual(
    notices.map((notice) => notice.kind),
    ['save-failed', 'saved'],
  );
  t.is(written.length, 1, 'only the state JSON holds is written');
});

test('a report from a checkpoint keeps each closed year’s stated result, which the books’ result is checked against', async (t) => {
  const store = await books();
  await replayAnnualReportFromStore(store, streamId, 2025);
  await store.idle();
  const notices: CheckpointNotice[] = [];
  const report = await replayAnnualReportFromStore(store, streamId, 2025, {
    observe: (notice) => notices.push(notice),
  });
  t.deepEqual(
    notices.map((notice) => notice.kind),
    ['used'],
  );
  t.is(report.totals.closingResults.get(2024)?.toString(), '-1200.00');
  t.deepEqual(closedYearsWithChangedResult(report.totals), []);
});
