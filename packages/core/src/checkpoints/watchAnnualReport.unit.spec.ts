import test from 'ava';
import * as E from 'fp-ts/Either';
import { createLedger, type Ledger } from '../facade/createLedger.js';
import { rowOf } from '../statements/Statement.js';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import type { AnnualReport } from '../statements/annualReport.js';
import { watchAnnualReport } from './watchAnnualReport.js';

const metadata = { recordedAt: '2026-01-01T00:00:00.000Z', recordedBy: 'test' };

/** Records a contribution from the state on 2025-03-01. */
const contributionOf = (ledger: Ledger, belopp: string) =>
  ledger.record(
    'MedlemsbidragMottaget',
    { datum: '2025-03-01', medlem: 'Staten', medlemskategori: 'staten', period: '2025', belopp },
    { metadata },
  )();

const yearResult = (report: AnnualReport): string =>
  rowOf(report.resultaträkning, 'årets-resultat').amounts[0]!.toString();

test('a live report on the in-memory store yields the report, then the new figure after each append, woken by the store (no polling)', async (t) => {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'live' });
  const opened = await ledger.record(
    'IngåendeBalansRegistrerad',
    {
      datum: '2025-01-01',
      text: 'IB',
      kassaOchBank: '1000.00',
      momsfordran: '0',
      balanseratResultat: '1000.00',
      öppnaPoster: [],
    },
    { metadata },
  )();
  t.true(E.isRight(opened));
  const stop = new AbortController();
  // A poll interval far beyond the test: only the store's own notification can wake the watch.
  const reports = watchAnnualReport(store, ledger.streamId, 2025, {
    signal: stop.signal,
    pollIntervalMs: 600_000,
  })[Symbol.asyncIterator]();
  t.is(yearResult((await reports.next()).value as AnnualReport), '0.00');

  const contribution = (belopp: string) => contributionOf(ledger, belopp);
  t.true(E.isRight(await contribution('250.50')));
  t.is(yearResult((await reports.next()).value as AnnualReport), '250.50');
  t.true(E.isRight(await contribution('100.00')));
  const updated = (await reports.next()).value as AnnualReport;
  t.is(yearResult(updated), '350.50');
  t.is(rowOf(updated.balansräkning, 'kassa-och-bank').amounts[0]!.toString(), '1350.50');

  stop.abort();
  t.true((await reports.next()).done);
});

test("ledger.watchAnnualReport is the ledger's own report, live: its name, guidelines and flerårsöversikt years", async (t) => {
  const store = getInMemoryEventStore();
  const options = {
    store,
    förbundId: 'live',
    namn: 'Samordningsförbundet Levande',
    guidelines: { operativaAndelMin: '0.60' },
    flerårsöversiktYears: 5,
  };
  const ledger = createLedger(options);
  const contribution = (belopp: string) => contributionOf(ledger, belopp);
  t.true(E.isRight(await contribution('250.50')));
  const stop = new AbortController();
  const watched = ledger.watchAnnualReport(2025, { signal: stop.signal, pollIntervalMs: 600_000 });
  const reports = watched[Symbol.asyncIterator]();
  const first = (await reports.next()).value as AnnualReport;
  const { totals: _watched, ...live } = first as AnnualReport & { totals: unknown };
  t.deepEqual(
    live,
    await ledger.annualReport(2025),
    'the live report is the one annualReport gives',
  );
  t.is(first.namn, 'Samordningsförbundet Levande');
  t.is(first.flerårsöversikt.columns.length, 5);
  t.true(E.isRight(await contribution('100.00')));
  t.is(yearResult((await reports.next()).value as AnnualReport), '350.50');
  stop.abort();
  t.true((await reports.next()).done);
});
