import test from 'ava';
import * as E from 'fp-ts/Either';
import { bookkeepingCatalog } from '../bookkeeping/bookkeepingCatalog.js';
import { participantCatalog } from '../participants/participantCatalog.js';
import { enrolmentData } from '../participants/participantEvents.testScenario.js';
import { businessYearRange } from './zodFields.js';

const metadata = { recordedAt: '2021-01-05T08:00:00.000Z', recordedBy: 'Ekonom' };

const withDate = {
  KostnadBokförd: (datum: string) => ({
    datum,
    område: 'operativa',
    post: 'Deltagarstöd',
    belopp: '100.00',
    text: 'Resa',
    betalning: { sätt: 'bank' },
  }),
  MedlemsbidragMottaget: (datum: string) => ({
    datum,
    medlem: 'Region Stockholm',
    medlemskategori: 'region',
    period: 'kv 1',
    belopp: '375000.00',
  }),
  RäkenskapsårStängt: (datum: string) => ({
    år: Number(datum.slice(0, 4)),
    datum,
    åretsResultat: '0.00',
  }),
} as const;

function refusal(type: keyof typeof withDate | 'DeltagareInskriven', datum: string) {
  const created =
    type === 'DeltagareInskriven'
      ? participantCatalog.create(type, enrolmentData({ datum }), { metadata })
      : bookkeepingCatalog.create(type, withDate[type](datum), { metadata });
  return E.isLeft(created)
    ? created.left.issues.map((issue) => `${created.left.code} ${issue.path} ${issue.rule}`)
    : [];
}

test('issue 14 item 8: every business date and the year close share one year range, 1990 to 2200', (t) => {
  t.deepEqual(businessYearRange, { min: 1990, max: 2200 });
  for (const type of [
    'KostnadBokförd',
    'MedlemsbidragMottaget',
    'DeltagareInskriven',
    'RäkenskapsårStängt',
  ] as const) {
    // The first and last day of the range are accepted, by costs and closes alike.
    t.deepEqual(refusal(type, '1990-12-31'), [], `${type} 1990`);
    t.deepEqual(refusal(type, '2200-12-31'), [], `${type} 2200`);
    for (const datum of ['2201-01-01', '9999-12-31', '1989-12-31', '0001-12-31']) {
      const issues = refusal(type, datum);
      t.true(
        issues.includes('VALIDATION_FAILED data.datum business-year-range'),
        `${type} ${datum}: ${issues.join('; ')}`,
      );
    }
  }
  // The year a close names is held to the same range as its date.
  const close2201 = bookkeepingCatalog.create(
    'RäkenskapsårStängt',
    { år: 2201, datum: '2200-12-31', åretsResultat: '0.00' },
    { metadata },
  );
  t.true(
    E.isLeft(close2201) &&
      close2201.left.issues.some(
        (issue) =>
          issue.path === 'data.år' &&
          issue.rule === 'too_big' &&
          issue.message.includes('from 1990 to 2200'),
      ),
  );
});
