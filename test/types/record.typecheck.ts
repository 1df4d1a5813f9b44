/**
 * A consumer's type check of `ledger.record` and `ledger.recordAll`: checked by `tsc`
 * (`pnpm run typecheck`, part of `test`), never run. Each `@ts-expect-error` line must be
 * a compile error: if the types ever let the mistake through, the directive is unused and
 * `tsc` fails. The correct calls beside them must compile.
 */
import type { EventInput, Ledger } from '@finsam-ledger/core';

declare const ledger: Ledger;
const options = {
  metadata: { recordedAt: '2020-01-31T08:00:00.000Z', recordedBy: 'ekonom@forbundet' },
};

// Correct: amounts as decimal strings, dates as YYYY-MM-DD, the fields the schema names.
ledger.record(
  'MedlemsbidragMottaget',
  {
    datum: '2020-01-31',
    medlem: 'Täby kommun',
    medlemskategori: 'kommun',
    period: '2020',
    belopp: '363333.33',
  },
  options,
);

ledger.record(
  'MedlemsbidragMottaget',
  {
    // @ts-expect-error: `belop` is not a field of MedlemsbidragMottaget (it is `belopp`).
    belop: '1.50',
    datum: '2020-01-01',
    medlem: 'Täby kommun',
    medlemskategori: 'kommun',
    period: '2020',
  },
  options,
);

ledger.record(
  'MedlemsbidragMottaget',
  {
    datum: '2020-01-01',
    medlem: 'Täby kommun',
    medlemskategori: 'kommun',
    period: '2020',
    // @ts-expect-error: an amount is a decimal string, never a JavaScript number.
    belopp: 1.5,
  },
  options,
);

ledger.record(
  'MedlemsbidragMottaget',
  // @ts-expect-error: the issue's example: a misspelled field, a number amount and a number date.
  { belop: 1.5, datum: 20200101 },
  options,
);

ledger.record(
  'KostnadBokförd',
  {
    datum: '2020-03-31',
    område: 'operativa',
    post: 'Deltagarstöd',
    belopp: '100.00',
    text: 'Resor',
    betalning: { sätt: 'bank' },
  },
  options,
);

ledger.record(
  'KostnadBokförd',
  {
    datum: '2020-03-31',
    // @ts-expect-error: not one of the three områden.
    område: 'övrigt',
    post: 'Deltagarstöd',
    belopp: '100.00',
    text: 'Resor',
    betalning: { sätt: 'bank' },
  },
  options,
);

// @ts-expect-error: not an event type of the books.
ledger.record('MedlemsbidragBetalt', { datum: '2020-01-01' }, options);

ledger.recordAll([
  {
    type: 'RäkenskapsårStängt',
    data: { år: 2020, datum: '2020-12-31', åretsResultat: '-1200.00' },
    options,
  },
  {
    type: 'MedlemsbidragMottaget',
    data: {
      datum: '2021-01-31',
      medlem: 'Region Stockholm',
      medlemskategori: 'region',
      period: '2021',
      // @ts-expect-error: in a batch too, an amount is a decimal string.
      belopp: 2_000_000,
    },
    options,
  },
]);

// Data read from JSON is cast to the event's input type; the schema still checks it when recorded.
const fromJson: unknown = JSON.parse('{"datum":"2020-01-31"}');
ledger.record('MomsÅterbetald', fromJson as EventInput<'MomsÅterbetald'>, options);

// The recorded event is typed by its type: its data is the schema's output.
export const recordedAmount = async (): Promise<string | undefined> => {
  const recorded = await ledger.record(
    'MedlemsbidragMottaget',
    {
      datum: '2020-01-31',
      medlem: 'Täby kommun',
      medlemskategori: 'kommun',
      period: '2020',
      belopp: '363333.33',
    },
    options,
  )();
  return recorded._tag === 'Right' ? recorded.right.event.data.belopp : undefined;
};
