import test from 'ava';
import * as E from 'fp-ts/Either';
import { isLedgerError } from '../../error.js';
import { createLedger } from '../../facade/createLedger.js';
import type { EventInput } from '../../facade/EventInput.js';
import type { AnnualReport } from '../../statements/annualReport.js';
import { rowOf, type Statement } from '../../statements/Statement.js';
import { getInMemoryEventStore } from '../../store/getInMemoryEventStore.js';
import {
  bookkeepingCatalog,
  type BookkeepingEvent,
  type BookkeepingEventType,
} from '../bookkeepingCatalog.js';
import { imbalanceOf } from '../Verifikation.js';
import { spec } from './eventSpecs.testScenario.js';

/**
 * A förutbetalt medlemsbidrag: Region Stockholm pays its medlemsbidrag for 2024, 250 000 kr, on
 * 2023-12-18. The books open on 2023-01-01 with 500 000 in the bank; in 2023 the state pays
 * 400 000, the region 200 000 and Täby kommun 200 000 (the Finsam 5 § split, 1/2, 1/4, 1/4). In
 * 2024 the state pays 500 000 and Täby 250 000; with the region's 250 000 reversed into 2024 on
 * 2024-01-01, 2024's contributions are 1 000 000 in the same split.
 */
const metadata = { recordedAt: '2024-01-15T09:00:00.000Z', recordedBy: 'Ekonom' };
const staten = 'Staten (Försäkringskassan/Arbetsförmedlingen)';
const region = 'Region Stockholm';
const täby = 'Täby kommun';

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

const prepaidData = (overrides: Record<string, unknown> = {}) =>
  ({
    datum: '2023-12-18',
    postId: 'FI-MB-2024-REGION',
    intäktsslag: 'medlemsbidrag',
    medlem: region,
    medlemskategori: 'region',
    avserPeriod: '2024',
    belopp: '250000.00',
    text: 'Medlemsbidrag 2024 Region Stockholm, förskott',
    ...overrides,
  }) as EventInput<'IntäktFörutbetald'>;

const reversalData = (overrides: Record<string, unknown> = {}) =>
  ({
    datum: '2024-01-01',
    postId: 'FI-MB-2024-REGION',
    slag: 'förutbetald-intäkt',
    belopp: '250000.00',
    intäktsslag: 'medlemsbidrag',
    medlem: region,
    medlemskategori: 'region',
    text: 'Återföring: Medlemsbidrag 2024 Region Stockholm, förskott',
    ...overrides,
  }) as EventInput<'PeriodiseringÅterförd'>;

const contribution = (datum: string, medlem: string, kategori: string, belopp: string) =>
  ({
    datum,
    medlem,
    medlemskategori: kategori,
    period: datum.slice(0, 4),
    belopp,
  }) as EventInput<'MedlemsbidragMottaget'>;

const opening2023 = event('IngåendeBalansRegistrerad', opening2023Data);
const prepaid = (overrides: Record<string, unknown> = {}) =>
  event('IntäktFörutbetald', prepaidData(overrides));
const reversal = (overrides: Record<string, unknown> = {}) =>
  event('PeriodiseringÅterförd', reversalData(overrides));
const correctionOf = (original: BookkeepingEvent, datum: string) =>
  event('HändelseRättad', {
    datum,
    rättadEventId: original.eventId,
    orsak: 'Beloppet gällde en annan medlem',
    original: { type: original.type, schemaVersion: original.schemaVersion, data: original.data },
  });

/** The paths of the schema's issues with `data`, or `[]` if it is accepted. */
const issuesOf = <Type extends 'IntäktFörutbetald' | 'PeriodiseringÅterförd'>(
  type: Type,
  data: EventInput<Type>,
) => {
  const created = bookkeepingCatalog.create(type, data, { metadata });
  if (E.isRight(created) || !isLedgerError(created.left)) return [];
  return created.left.issues.map((issue) => [issue.path, issue.rule]);
};

test('given the books of 2023, when the region’s 2024 medlemsbidrag is paid ahead, then bank is debited and the debt on 2990 credited, no contribution account, and the open item names the member', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2023])
      .when(prepaid())
      .thenPosts([
        {
          datum: '2023-12-18',
          text: 'Medlemsbidrag 2024 Region Stockholm, förskott',
          motpart: region,
          rader: [
            { konto: '1930', debet: '250000.00' },
            { konto: '2990', kredit: '250000.00' },
          ],
        },
      ]),
  );
  const outcome = spec.given([opening2023]).when(prepaid()).outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.like(outcome.state.openItems.get('FI-MB-2024-REGION'), {
    slag: 'förutbetald-intäkt',
    öppetBelopp: '250000.00',
    motpart: region,
    intäktsslag: 'medlemsbidrag',
    medlem: region,
    medlemskategori: 'region',
  });
});

test('given the prepaid medlemsbidrag, when it is reversed on 2024-01-01, then 2990 is debited and the region’s contribution account 3987 credited with the member’s dimensions', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2023, prepaid()])
      .when(reversal())
      .thenPosts([
        {
          datum: '2024-01-01',
          text: 'Återföring: Medlemsbidrag 2024 Region Stockholm, förskott',
          motpart: region,
          rader: [
            { konto: '2990', debet: '250000.00' },
            {
              konto: '3987',
              kredit: '250000.00',
              dimensioner: { medlem: region, medlemskategori: 'region' },
            },
          ],
        },
      ]),
  );
  // The state pays on the other contribution account, 3985, as MedlemsbidragMottaget does.
  const statenPrepaid = prepaid({
    postId: 'FI-MB-2024-STATEN',
    medlem: staten,
    medlemskategori: 'staten',
  });
  const outcome = spec
    .given([opening2023, statenPrepaid])
    .when(reversal({ postId: 'FI-MB-2024-STATEN', medlem: staten, medlemskategori: 'staten' }))
    .outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.deepEqual(outcome.posting?.[0]?.rader[1], {
    konto: '3985',
    kredit: '250000.00',
    dimensioner: { medlem: staten, medlemskategori: 'staten' },
  });
});

test('given the prepaid medlemsbidrag, when its reversal names another member or leaves the member out, then it is refused naming the field', (t) => {
  const otherMember = spec
    .given([opening2023, prepaid()])
    .when(reversal({ medlem: täby, medlemskategori: 'kommun' }))
    .thenRefused('OPEN_ITEM_MISMATCH', 'data.medlem');
  t.deepEqual(
    otherMember.issues.map((issue) => [issue.path, issue.rule]),
    [
      ['data.medlem', 'placement-of-open-item'],
      ['data.medlemskategori', 'placement-of-open-item'],
    ],
  );
  const asBidrag = spec
    .given([opening2023, prepaid()])
    .when(reversal({ intäktsslag: 'bidrag', medlem: undefined, medlemskategori: undefined }))
    .thenRefused('OPEN_ITEM_MISMATCH', 'data.intäktsslag');
  t.deepEqual(
    asBidrag.issues.map((issue) => issue.path),
    ['data.intäktsslag', 'data.medlem', 'data.medlemskategori'],
  );
  const { medlem: _medlem, ...withoutMember } = reversalData();
  t.deepEqual(issuesOf('PeriodiseringÅterförd', withoutMember), [
    ['data.medlem', 'medlemsbidrag-needs-member'],
  ]);
});

test('the schema refuses a medlemsbidrag paid ahead without its member or kategori, or with an intäktspost, naming each field and rule', (t) => {
  const { medlem: _medlem, medlemskategori: _kategori, ...withoutMember } = prepaidData();
  t.deepEqual(issuesOf('IntäktFörutbetald', withoutMember), [
    ['data.medlem', 'medlemsbidrag-needs-member'],
    ['data.medlemskategori', 'medlemsbidrag-needs-member'],
  ]);
  t.deepEqual(issuesOf('IntäktFörutbetald', prepaidData({ intäktspost: 'Medlemsbidrag 2024' })), [
    ['data.intäktspost', 'medlemsbidrag-has-member-line'],
  ]);
  t.deepEqual(issuesOf('IntäktFörutbetald', prepaidData({ medlemskategori: 'landsting' })), [
    ['data.medlemskategori', 'invalid_value'],
  ]);
  t.deepEqual(issuesOf('IntäktFörutbetald', prepaidData()), []);
});

test('the schema refuses a member on a förutbetald intäkt of another intäktsslag, and a medlemsbidrag as an upplupen intäkt', (t) => {
  t.deepEqual(issuesOf('IntäktFörutbetald', prepaidData({ intäktsslag: 'bidrag' })), [
    ['data.medlem', 'member-only-for-medlemsbidrag'],
    ['data.medlemskategori', 'member-only-for-medlemsbidrag'],
  ]);
  t.deepEqual(
    issuesOf('IntäktFörutbetald', prepaidData({ intäktsslag: 'esf', medlemskategori: undefined })),
    [['data.medlem', 'member-only-for-medlemsbidrag']],
  );
  t.deepEqual(issuesOf('PeriodiseringÅterförd', reversalData({ slag: 'upplupen-intäkt' })), [
    ['data.intäktsslag', 'medlemsbidrag-is-förutbetald-intäkt'],
  ]);
});

test('given an opening balance 2024 that declares the region’s prepaid medlemsbidrag, when reverseAccrual builds its reversal, then it repeats the member and lands on 3987', async (t) => {
  const declared = {
    postId: 'FI-MB-2024-REGION',
    slag: 'förutbetald-intäkt',
    belopp: '250000.00',
    text: 'Medlemsbidrag 2024 Region Stockholm, förskott',
    intäktsslag: 'medlemsbidrag',
    medlem: region,
    medlemskategori: 'region',
  } as const;
  const opening2024 = {
    ...opening2023Data,
    datum: '2024-01-01',
    text: 'Ingående balans 2024',
    kassaOchBank: '750000.00',
    öppnaPoster: [declared],
  };
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'test' });
  const opened = await ledger.record('IngåendeBalansRegistrerad', opening2024, { metadata })();
  if (E.isLeft(opened)) return t.fail(opened.left.message);
  const reversed = await ledger.reverseAccrual('FI-MB-2024-REGION', '2024-01-01', { metadata })();
  if (E.isLeft(reversed)) return t.fail(reversed.left.message);
  t.like(reversed.right.event.data, reversalData());
  const report = await ledger.annualReport(2024);
  t.is(amountOf(report.not1, `medlem:${region}`), '250000.00');
  // Declared without its member, the opening balance is refused at the item's field.
  const withoutMember = await ledger.record(
    'IngåendeBalansRegistrerad',
    { ...opening2024, öppnaPoster: [{ ...declared, medlem: undefined }] },
    { metadata },
  )();
  if (E.isRight(withoutMember)) return t.fail('an item without its member was accepted');
  t.deepEqual(
    withoutMember.left.issues.map((issue) => [issue.path, issue.rule]),
    [['data.öppnaPoster.0.medlem', 'medlemsbidrag-needs-member']],
  );
});

test('given the prepaid medlemsbidrag, when the receipt is corrected before its reversal, then the debt is taken back and nothing is left to reverse', (t) => {
  const received = prepaid();
  t.notThrows(() =>
    spec
      .given([opening2023, received])
      .when(correctionOf(received, '2023-12-28'))
      .thenPosts([
        {
          datum: '2023-12-28',
          text: 'Rättelse: Medlemsbidrag 2024 Region Stockholm, förskott. Beloppet gällde en annan medlem',
          motpart: region,
          rader: [
            { konto: '1930', kredit: '250000.00' },
            { konto: '2990', debet: '250000.00' },
          ],
        },
      ]),
  );
  const outcome = spec
    .given([opening2023, received])
    .when(correctionOf(received, '2023-12-28'))
    .outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.is(outcome.state.openItems.get('FI-MB-2024-REGION')?.öppetBelopp, '0.00');
  t.notThrows(() =>
    spec
      .given([opening2023, received, correctionOf(received, '2023-12-28')])
      .when(reversal())
      .thenRefused('SETTLEMENT_EXCEEDS_OPEN_AMOUNT', 'data.belopp'),
  );
});

test('given the reversed medlemsbidrag, when the reversal is corrected, then the contribution is taken back from 3987 with the member’s dimensions and the debt is open again', (t) => {
  const received = prepaid();
  const reversed = reversal();
  t.notThrows(() =>
    spec
      .given([opening2023, received, reversed])
      .when(correctionOf(reversed, '2024-01-10'))
      .thenPosts([
        {
          datum: '2024-01-10',
          text: 'Rättelse: Återföring: Medlemsbidrag 2024 Region Stockholm, förskott. Beloppet gällde en annan medlem',
          motpart: region,
          rader: [
            { konto: '2990', kredit: '250000.00' },
            {
              konto: '3987',
              debet: '250000.00',
              dimensioner: { medlem: region, medlemskategori: 'region' },
            },
          ],
        },
      ]),
  );
  const outcome = spec
    .given([opening2023, received, reversed])
    .when(correctionOf(reversed, '2024-01-10'))
    .outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.like(outcome.state.openItems.get('FI-MB-2024-REGION'), {
    öppetBelopp: '250000.00',
    medlem: region,
  });
  // With the reversal corrected, the receipt can be corrected in turn.
  t.notThrows(() =>
    spec
      .given([opening2023, received, reversed, correctionOf(reversed, '2024-01-10')])
      .when(correctionOf(received, '2024-01-10'))
      .then([correctionOf(received, '2024-01-10')]),
  );
});

const amountOf = (statement: Statement, key: string, column = 0) =>
  rowOf(statement, key).amounts[column]?.toString() ?? null;
const figure = (report: AnnualReport, key: string, name: string) => {
  const check = report.finansiellaRiktlinjer.checks.find((candidate) => candidate.key === key);
  return check?.figures[name]?.toString();
};
const passed = (report: AnnualReport, key: string) =>
  report.finansiellaRiktlinjer.checks.find((candidate) => candidate.key === key)?.passed;

test('250 000 kr for 2024 paid by the region on 2023-12-18: a debt in 2023’s Not 4 and not its medlemsbidrag; 2024’s medlemsbidrag in Not 1, the resultaträkning, the driftredovisning and the Finsam checks; every verifikation balances', async (t) => {
  // Given the books of 2023 and 2024, each member's shares configured.
  const ledger = createLedger({
    store: getInMemoryEventStore(),
    förbundId: 'test',
    guidelines: {
      medlemsandelar: [
        { medlem: staten, andel: '1/2' },
        { medlem: region, andel: '1/4' },
        { medlem: täby, andel: '1/4' },
      ],
    },
  });
  const options = { metadata };
  const record = async (task: ReturnType<typeof ledger.record>) => {
    const result = await task();
    if (E.isLeft(result)) throw result.left;
  };
  await record(ledger.record('IngåendeBalansRegistrerad', opening2023Data, options));
  for (const [medlem, kategori, belopp] of [
    [staten, 'staten', '400000.00'],
    [region, 'region', '200000.00'],
    [täby, 'kommun', '200000.00'],
  ] as const)
    await record(
      ledger.record(
        'MedlemsbidragMottaget',
        contribution('2023-03-01', medlem, kategori, belopp),
        options,
      ),
    );
  // When the region pays 2024's contribution on 2023-12-18 and it is reversed on 2024-01-01.
  await record(ledger.record('IntäktFörutbetald', prepaidData(), options));
  const reversed = await ledger.reverseAccrual('FI-MB-2024-REGION', '2024-01-01', options)();
  if (E.isLeft(reversed)) return t.fail(reversed.left.message);
  t.like(reversed.right.event.data, reversalData());
  await record(
    ledger.record(
      'MedlemsbidragMottaget',
      contribution('2024-03-01', staten, 'staten', '500000.00'),
      options,
    ),
  );
  await record(
    ledger.record(
      'MedlemsbidragMottaget',
      contribution('2024-03-01', täby, 'kommun', '250000.00'),
      options,
    ),
  );

  // Then 2023 counts only the region's 200 000 of 2023; the 250 000 is a förutbetald intäkt.
  const report2023 = await ledger.annualReport(2023);
  t.is(amountOf(report2023.resultaträkning, 'verksamhetens-intäkter'), '800000.00');
  t.is(amountOf(report2023.not1, `medlem:${region}`), '200000.00');
  t.is(amountOf(report2023.driftredovisning, 'medlemsavgift'), '800000.00');
  t.is(amountOf(report2023.balansräkning, 'kassa-och-bank'), '1550000.00');
  t.is(amountOf(report2023.balansräkning, 'upplupna-kostnader'), '250000.00');
  t.deepEqual(
    report2023.not4.rows.map((row) => [row.key, row.amounts[0]?.toString() ?? null]),
    [
      ['rubrik:upplupna-kostnader-förutbetalda-intäkter', null],
      ['rubrik:upplupna-kostnader-förutbetalda-intäkter:förutbetalda-intäkter', null],
      ['post:FI-MB-2024-REGION', '250000.00'],
      ['summa:upplupna-kostnader-förutbetalda-intäkter', '250000.00'],
    ],
  );
  t.is(passed(report2023, 'finsam-5-paragraf'), true);
  t.is(figure(report2023, 'finsam-5-paragraf', 'region'), '200000.00');
  t.is(passed(report2023, 'medlemsandelar'), true);
  t.is(figure(report2023, 'medlemsandelar', region), '200000.00');

  // And 2024 counts it as the region's medlemsbidrag, with 2023 as comparison.
  const report2024 = await ledger.annualReport(2024);
  t.deepEqual(
    report2024.not1.rows.map((row) => [row.key, ...row.amounts.map(String)]),
    [
      [`medlem:${staten}`, '500000.00', '400000.00'],
      [`medlem:${täby}`, '250000.00', '200000.00'],
      [`medlem:${region}`, '250000.00', '200000.00'],
      ['summa', '1000000.00', '800000.00'],
    ],
  );
  t.is(amountOf(report2024.resultaträkning, 'verksamhetens-intäkter'), '1000000.00');
  t.is(amountOf(report2024.driftredovisning, 'medlemsavgift'), '1000000.00');
  t.is(amountOf(report2024.balansräkning, 'upplupna-kostnader'), '0.00');
  t.is(amountOf(report2024.balansräkning, 'kassa-och-bank'), '2300000.00');
  t.is(passed(report2024, 'finsam-5-paragraf'), true);
  t.is(figure(report2024, 'finsam-5-paragraf', 'region'), '250000.00');
  t.is(passed(report2024, 'medlemsandelar'), true);
  t.is(figure(report2024, 'medlemsandelar', region), '250000.00');
  t.is(figure(report2024, 'medlemsandelar', 'medlemsbidrag'), '1000000.00');

  const verifikationer = [];
  for await (const verifikation of ledger.verifikationer()) verifikationer.push(verifikation);
  t.is(verifikationer.length, 8);
  t.deepEqual(
    verifikationer.filter((verifikation) => !imbalanceOf(verifikation.rader).isZero()),
    [],
  );
});
