import test from 'ava';
import { createLedger, Money, rowOf, type AnnualReport, type Statement } from '@finsam-ledger/core';
import { collectAsync } from '@finsam-ledger/core/store';
import { esfCorrection2020, roslagenBookkeepingEvents } from './history/index.js';
import { openRoslagenFileStore, roslagenFörbundId } from './roslagenStore.js';

/**
 * Issue 16, "as recorded on a date": the committed store carries the store's own stamps
 * (`storedAt`), set when the example was built to the day each event of the reconstructed
 * history was recorded. Two as-of reports then show what was recorded between them.
 */

const yearColumn = (statement: Statement, key: string): string =>
  rowOf(statement, key).amounts[0]!.toString();

async function reportsAsOf(...asOf: readonly string[]): Promise<AnnualReport[]> {
  const opened = await openRoslagenFileStore();
  if (opened._tag === 'Left') throw opened.left;
  try {
    const ledger = createLedger({ store: opened.right, förbundId: roslagenFörbundId });
    const reports: AnnualReport[] = [];
    for (const instant of asOf) reports.push(await ledger.annualReport(2021, { asOf: instant }));
    return reports;
  } finally {
    await opened.right.close();
  }
}

test('the 16 tkr equity correction (EgetKapitalRättat, stored 2021-04-19) is the difference between the 2021 reports as of 18 and 19 April 2021', async (t) => {
  const [before, after] = await reportsAsOf('2021-04-18', '2021-04-19');
  const equityBefore = yearColumn(before!.balansräkning, 'övrigt-eget-kapital');
  const equityAfter = yearColumn(after!.balansräkning, 'övrigt-eget-kapital');
  // Before the correction 2021 opens with the equity the adopted 2020 accounts closed with;
  // after it, 16 000 less (README, "Discrepancies": the 2022 report prints 3 525 tkr).
  t.is(equityBefore, '3541284.00');
  t.is(equityAfter, '3525284.00');
  t.is(esfCorrection2020.belopp, '-16000.00');
  // The same day the corrected accrual was reversed and the ESF payment came: the rest of the
  // balance sheet moves too, but the result of 2021 does not.
  t.is(
    yearColumn(after!.balansräkning, 'kassa-och-bank'),
    rowOf(before!.balansräkning, 'kassa-och-bank')
      .amounts[0]!.plus(Money.from('755420.00'))
      .toString(),
  );
  t.is(
    yearColumn(after!.resultaträkning, 'årets-resultat'),
    yearColumn(before!.resultaträkning, 'årets-resultat'),
  );
  t.is(
    yearColumn(after!.balansräkning, 'summa-tillgångar'),
    yearColumn(after!.balansräkning, 'summa-eget-kapital-och-skulder'),
  );
});

test('as of a day after the last event, the report is the whole report; the stamps are the reconstructed recording instants', async (t) => {
  const opened = await openRoslagenFileStore();
  if (opened._tag === 'Left') return t.fail(opened.left.message);
  try {
    const ledger = createLedger({ store: opened.right, förbundId: roslagenFörbundId });
    t.is(
      JSON.stringify(await ledger.annualReport(2022, { asOf: '2024-01-01' })),
      JSON.stringify(await ledger.annualReport(2022)),
    );
    const stored = await collectAsync(opened.right.readStream(ledger.streamId));
    t.is(stored.length, roslagenBookkeepingEvents().length);
    for (const event of stored) t.is(event.storedAt, event.metadata.recordedAt, event.eventId);
    const refused = await ledger.annualReport(2021, { asOf: '2021-13-01' }).catch((error) => error);
    t.is(refused.code, 'VALIDATION_FAILED');
    t.is(refused.issues[0].path, 'asOf');
  } finally {
    await opened.right.close();
  }
});
