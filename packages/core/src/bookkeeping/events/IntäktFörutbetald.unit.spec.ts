import test from 'ava';
import * as E from 'fp-ts/Either';
import { isLedgerError } from '../../error.js';
import { createLedger } from '../../facade/createLedger.js';
import { rowOf, type Statement } from '../../statements/Statement.js';
import { getInMemoryEventStore } from '../../store/getInMemoryEventStore.js';
import { bookkeepingCatalog, type BookkeepingEventType } from '../bookkeepingCatalog.js';
import type { EventInput } from '../../facade/EventInput.js';
import { imbalanceOf } from '../Verifikation.js';
import { spec } from './eventSpecs.testScenario.js';

/**
 * A förbund whose books open on 2023-01-01 with 500 000 in the bank. On 2023-12-20 a member pays
 * its contribution for 2024, 375 000 kr, in advance: in 2023 it is a debt (förutbetald intäkt on
 * 2990, the default chart's "Upplupna kostnader och förutbetalda intäkter"), not income; it is
 * reversed into the income of 2024 on 2024-01-01. Recorded in January 2024.
 */
const metadata = { recordedAt: '2024-01-15T09:00:00.000Z', recordedBy: 'Ekonom' };

const event = <Type extends BookkeepingEventType>(type: Type, data: EventInput<Type>) => {
  const created = bookkeepingCatalog.create(type, data, { metadata });
  if (E.isLeft(created)) throw created.left;
  return created.right;
};

const opening2023Data = {
  datum: '2023-01-01',
  text: 'Ingående balans 2023',
  kassaOchBank: '500000.00',
  momsfordran: '0.00',
  balanseratResultat: '500000.00',
  öppnaPoster: [],
};
const opening2023 = event('IngåendeBalansRegistrerad', opening2023Data);

const prepaidData = (overrides: Record<string, unknown> = {}) =>
  ({
    datum: '2023-12-20',
    postId: 'FI-2024-TÄBY',
    intäktsslag: 'bidrag',
    intäktspost: 'Medlemsbidrag 2024',
    avserPeriod: '2024',
    belopp: '375000.00',
    text: 'Medlemsbidrag 2024 förskott Täby kommun',
    motpart: 'Täby kommun',
    ...overrides,
  }) as EventInput<'IntäktFörutbetald'>;
const prepaid = (overrides: Record<string, unknown> = {}) =>
  event('IntäktFörutbetald', prepaidData(overrides));

const reversalData = (overrides: Record<string, unknown> = {}) =>
  ({
    datum: '2024-01-01',
    postId: 'FI-2024-TÄBY',
    slag: 'förutbetald-intäkt',
    belopp: '375000.00',
    intäktsslag: 'bidrag',
    intäktspost: 'Medlemsbidrag 2024',
    text: 'Återföring medlemsbidrag 2024',
    ...overrides,
  }) as EventInput<'PeriodiseringÅterförd'>;
const reversal = (overrides: Record<string, unknown> = {}) =>
  event('PeriodiseringÅterförd', reversalData(overrides));

test('IntäktFörutbetald posts debet bank 1930, kredit 2990 without income, and opens a förutbetald intäkt with its Not 1 placement', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2023])
      .when(prepaid())
      .thenPosts([
        {
          datum: '2023-12-20',
          text: 'Medlemsbidrag 2024 förskott Täby kommun',
          motpart: 'Täby kommun',
          rader: [
            { konto: '1930', debet: '375000.00' },
            { konto: '2990', kredit: '375000.00' },
          ],
        },
      ]),
  );
  const outcome = spec.given([opening2023]).when(prepaid()).outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.like(outcome.state.openItems.get('FI-2024-TÄBY'), {
    slag: 'förutbetald-intäkt',
    öppetBelopp: '375000.00',
    intäktsslag: 'bidrag',
    intäktspost: 'Medlemsbidrag 2024',
    datum: '2023-12-20',
  });
});

test('the förutbetald intäkt reversed on 2024-01-01: debet 2990, kredit the income account with its Not 1 line, and the item is closed', (t) => {
  const outcome = spec.given([opening2023, prepaid()]).when(reversal()).outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.deepEqual(outcome.posting?.[0]?.rader, [
    { konto: '2990', debet: '375000.00' },
    {
      konto: '3989',
      kredit: '375000.00',
      dimensioner: { intäktsslag: 'bidrag', intäktspost: 'Medlemsbidrag 2024' },
    },
  ]);
  t.is(outcome.state.openItems.get('FI-2024-TÄBY')?.öppetBelopp, '0.00');
});

test('a chart with an account of its own for förutbetalda intäkter (Kommun-BAS 2970) keeps them there', async (t) => {
  const { chartFromKontoplan, defaultKontoplan } = await import('../../configuration/kontoplan.js');
  const { bookkeepingSpecification } = await import('../../testing/bookkeepingSpecification.js');
  const chart = chartFromKontoplan({
    ...defaultKontoplan,
    konton: [
      ...defaultKontoplan.konton,
      {
        nummer: '2970',
        namn: 'Förutbetalda intäkter',
        rad: 'upplupna-kostnader-förutbetalda-intäkter',
        roll: 'förutbetaldaIntäkter',
      },
    ],
  });
  const withOwnAccount = bookkeepingSpecification(chart);
  const outcome = withOwnAccount.given([opening2023, prepaid()]).when(reversal()).outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.deepEqual(outcome.posting?.[0]?.rader[0], { konto: '2970', debet: '375000.00' });
  t.notThrows(() =>
    withOwnAccount
      .given([opening2023])
      .when(prepaid())
      .thenPosts([
        {
          datum: '2023-12-20',
          text: 'Medlemsbidrag 2024 förskott Täby kommun',
          motpart: 'Täby kommun',
          rader: [
            { konto: '1930', debet: '375000.00' },
            { konto: '2970', kredit: '375000.00' },
          ],
        },
      ]),
  );
});

const amountOf = (statement: Statement, key: string, column = 0) =>
  rowOf(statement, key).amounts[column]?.toString();

test('375 000 kr for 2024 received 2023-12-20: a liability in the 2023 balansräkning and Not 4, income of 2024 after the reversal; every verifikation balances', async (t) => {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  const record = async (task: ReturnType<typeof ledger.record>) => {
    const result = await task();
    if (E.isLeft(result)) throw result.left;
  };
  const options = { metadata };
  await record(ledger.record('IngåendeBalansRegistrerad', opening2023Data, options));
  await record(ledger.record('IntäktFörutbetald', prepaidData(), options));
  const reversed = await ledger.reverseAccrual('FI-2024-TÄBY', '2024-01-01', options)();
  if (E.isLeft(reversed)) return t.fail(reversed.left.message);
  t.like(reversed.right.event.data, reversalData({ text: `Återföring: ${prepaidData().text}` }));

  const report2023 = await ledger.annualReport(2023);
  t.is(amountOf(report2023.resultaträkning, 'verksamhetens-intäkter'), '0.00', 'no income in 2023');
  t.is(amountOf(report2023.balansräkning, 'kassa-och-bank'), '875000.00');
  t.is(amountOf(report2023.balansräkning, 'upplupna-kostnader'), '375000.00');
  t.is(amountOf(report2023.balansräkning, 'summa-eget-kapital'), '500000.00');
  t.deepEqual(
    report2023.not4.rows.map((row) => [row.key, row.label, row.amounts[0]?.toString() ?? null]),
    [
      [
        'rubrik:upplupna-kostnader-förutbetalda-intäkter',
        'Upplupna kostnader och förutbetalda intäkter',
        null,
      ],
      [
        'rubrik:upplupna-kostnader-förutbetalda-intäkter:förutbetalda-intäkter',
        'Förutbetalda intäkter',
        null,
      ],
      ['post:FI-2024-TÄBY', 'Medlemsbidrag 2024 förskott Täby kommun', '375000.00'],
      [
        'summa:upplupna-kostnader-förutbetalda-intäkter',
        'Summa upplupna kostnader och förutbetalda intäkter',
        '375000.00',
      ],
    ],
  );

  const statements2024 = await ledger.statements(2024);
  t.is(amountOf(statements2024.resultaträkning, 'verksamhetens-intäkter'), '375000.00');
  t.is(amountOf(statements2024.resultaträkning, 'verksamhetens-intäkter', 1), '0.00');
  t.is(amountOf(statements2024.balansräkning, 'upplupna-kostnader'), '0.00');
  t.is(amountOf(statements2024.balansräkning, 'kassa-och-bank'), '875000.00');

  const verifikationer = [];
  for await (const verifikation of ledger.verifikationer()) verifikationer.push(verifikation);
  t.deepEqual(
    verifikationer.map((verifikation) => [
      verifikation.eventType,
      imbalanceOf(verifikation.rader).toString(),
    ]),
    [
      ['IngåendeBalansRegistrerad', '0.00'],
      ['IntäktFörutbetald', '0.00'],
      ['PeriodiseringÅterförd', '0.00'],
    ],
  );
});

test('a reversal dated before the money was received is refused with OPEN_ITEM_MISMATCH naming data.datum', (t) => {
  const error = spec
    .given([opening2023, prepaid()])
    .when(reversal({ datum: '2023-12-19' }))
    .thenRefused('OPEN_ITEM_MISMATCH', 'data.datum');
  t.deepEqual(
    error.issues.map((issue) => [issue.path, issue.rule]),
    [['data.datum', 'not-before-open-item']],
  );
});

test('a reversal of another amount is refused: less as reversed-whole, more as at-most-open-amount, both naming data.belopp', (t) => {
  const less = spec
    .given([opening2023, prepaid()])
    .when(reversal({ belopp: '374999.99' }))
    .thenRefused('OPEN_ITEM_MISMATCH', 'data.belopp');
  t.is(less.issues[0]?.rule, 'reversed-whole');
  const more = spec
    .given([opening2023, prepaid()])
    .when(reversal({ belopp: '375000.01' }))
    .thenRefused('SETTLEMENT_EXCEEDS_OPEN_AMOUNT', 'data.belopp');
  t.is(more.issues[0]?.rule, 'at-most-open-amount');
});

test('a reversal as another kind or onto another Not 1 line is refused, naming the field', (t) => {
  const asAccrual = spec
    .given([opening2023, prepaid()])
    .when(reversal({ slag: 'upplupen-intäkt' }))
    .thenRefused('OPEN_ITEM_MISMATCH', 'data.postId');
  t.is(asAccrual.issues[0]?.rule, 'settled-kind');
  const otherLine = spec
    .given([opening2023, prepaid()])
    .when(reversal({ intäktsslag: 'övrig' }))
    .thenRefused('OPEN_ITEM_MISMATCH', 'data.intäktsslag');
  t.is(otherLine.issues[0]?.rule, 'placement-of-open-item');
});

test('a prepayment reusing an open item id is refused with OPEN_ITEM_ALREADY_EXISTS naming data.postId', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2023, prepaid()])
      .when(prepaid({ datum: '2023-12-21' }))
      .thenRefused('OPEN_ITEM_ALREADY_EXISTS', 'data.postId'),
  );
});

test('the schema refuses a prepayment without its period, with a third decimal or without an intäktsslag, naming each field', (t) => {
  const issuesOf = (data: Record<string, unknown>) => {
    const created = bookkeepingCatalog.create(
      'IntäktFörutbetald',
      data as EventInput<'IntäktFörutbetald'>,
      { metadata },
    );
    if (E.isRight(created) || !isLedgerError(created.left)) return [];
    return created.left.issues.map((issue) => issue.path);
  };
  const { avserPeriod: _avserPeriod, ...withoutPeriod } = prepaidData();
  t.deepEqual(issuesOf(withoutPeriod), ['data.avserPeriod']);
  t.deepEqual(issuesOf(prepaidData({ belopp: '375000.001' })), ['data.belopp']);
  t.deepEqual(issuesOf(prepaidData({ intäktsslag: 'medlemsavgift' })), ['data.intäktsslag']);
});
