import test from 'ava';
import fc from 'fast-check';
import { Money } from '../money/Money.js';
import { ledgerTotalsProjection, dimensionTotalsOf } from '../statements/LedgerTotals.js';
import { runProjection } from '../projections/Projection.js';
import type { EventInput } from '../facade/EventInput.js';
import { bookkeepingEvent } from '../testing/bookkeepingFixtures.js';
import { bookkeepingModule, postEvent, type BookkeepingEvent } from './bookkeepingCatalog.js';
import { defaultChart, isIncomeStatementLine } from './ChartOfAccounts.js';
import { postEvents } from './postingFold.js';
import {
  compactRader,
  debet,
  dimensionerOf,
  dimensionKey,
  dimensionNames,
  imbalanceOf,
  kredit,
  type VerifikationDraft,
} from './Verifikation.js';

/**
 * Posting of the issue 3 events and the dimensions on verifikation rows: each event's
 * lines (account, signed amount, dimensions), dimensions only on result-statement rows,
 * every verifikation balanced.
 */

/** A verifikation's lines as `[konto, belopp, dimensions]`, for exact comparison. */
const linesOf = (drafts: readonly VerifikationDraft[]) =>
  drafts.map((draft) =>
    draft.rader.map((rad) => [rad.konto, rad.belopp.toString(), rad.dimensioner ?? null]),
  );

/**
 * Posts an event and checks the invariants every posting keeps: balanced, dimensions on result rows
 * only.
 */
function post(t: { true(value: boolean, message?: string): void }, event: BookkeepingEvent) {
  const drafts = postEvent(event, defaultChart);
  for (const draft of drafts) {
    t.true(imbalanceOf(draft.rader).isZero(), `${event.type} balances`);
    for (const rad of draft.rader) {
      const onResult = isIncomeStatementLine(defaultChart.account(rad.konto).line);
      if (!onResult)
        t.true(
          rad.dimensioner === undefined,
          `${event.type}: balance row ${rad.konto} carries no dimensions`,
        );
    }
  }
  return linesOf(drafts);
}

const cost = (
  betalning: EventInput<'KostnadBokförd'>['betalning'],
  extra: Partial<EventInput<'KostnadBokförd'>> = {},
) =>
  bookkeepingEvent('KostnadBokförd', {
    datum: '2021-03-10',
    område: 'operativa',
    post: 'Insatser',
    underpost: 'MIA vidare',
    insats: 'MIA',
    belopp: '1000.00',
    moms: '250.00',
    text: 'Arbetsträning',
    betalning,
    ...extra,
  });

const placement = {
  område: 'operativa',
  post: 'Insatser',
  underpost: 'MIA vidare',
  insats: 'MIA',
} as const;

test('KostnadBokförd: the cost row carries område, post, underpost and insats; VAT and the credit row none', (t) => {
  t.deepEqual(post(t, cost({ sätt: 'bank' })), [
    [
      ['4010', '1000.00', placement],
      ['1650', '250.00', null],
      ['1930', '-1250.00', null],
    ],
  ]);
  t.deepEqual(post(t, cost({ sätt: 'leverantörsskuld', postId: 'LS-1' }))[0]!.at(-1), [
    '2440',
    '-1250.00',
    null,
  ]);
  t.deepEqual(post(t, cost({ sätt: 'upplupen', postId: 'UK-1' }, { moms: '0.00' })), [
    [
      ['4010', '1000.00', placement],
      ['2990', '-1000.00', null],
    ],
  ]);
});

test('KostnadBokförd with betalning övrig-skuld credits övriga kortfristiga skulder and opens an övrig-kortfristig-skuld', (t) => {
  const event = cost(
    { sätt: 'övrig-skuld', postId: 'ÖS-1' },
    {
      område: 'administrativa',
      post: 'Kansli',
      underpost: undefined,
      insats: undefined,
      motpart: 'Täby kommun',
    },
  );
  t.deepEqual(post(t, event), [
    [
      ['6010', '1000.00', { område: 'administrativa', post: 'Kansli' }],
      ['1650', '250.00', null],
      ['2890', '-1250.00', null],
    ],
  ]);
  const [effect] = bookkeepingModule('KostnadBokförd').openItemEffects(event.data);
  t.like(effect, {
    effect: 'open',
    item: {
      postId: 'ÖS-1',
      slag: 'övrig-kortfristig-skuld',
      belopp: '1250.00',
      motpart: 'Täby kommun',
      område: 'administrativa',
      post: 'Kansli',
    },
  });
});

test('ÖvrigSkuldBetald: debet övriga kortfristiga skulder, kredit bank, no dimensions', (t) => {
  t.deepEqual(
    post(
      t,
      bookkeepingEvent('ÖvrigSkuldBetald', {
        datum: '2021-04-01',
        postId: 'ÖS-1',
        belopp: '400.00',
      }),
    ),
    [
      [
        ['2890', '400.00', null],
        ['1930', '-400.00', null],
      ],
    ],
  );
});

test('EgetKapitalRättat: 2091 against the motpost account, equity credit-positive', (t) => {
  const correction = (belopp: string, motpost: EventInput<'EgetKapitalRättat'>['motpost']) =>
    bookkeepingEvent('EgetKapitalRättat', {
      datum: '2021-05-01',
      belopp,
      motpost,
      text: 'Rättelse',
      skäl: 'Fel i 2020',
    });
  t.deepEqual(post(t, correction('-200.00', { slag: 'upplupen-intäkt', postId: 'UI-1' })), [
    [
      ['2091', '200.00', null],
      ['1790', '-200.00', null],
    ],
  ]);
  t.deepEqual(post(t, correction('-300.00', { slag: 'leverantörsskuld', postId: 'LS-1' })), [
    [
      ['2091', '300.00', null],
      ['2440', '-300.00', null],
    ],
  ]);
  t.deepEqual(post(t, correction('50.00', { slag: 'momsfordran' })), [
    [
      ['2091', '-50.00', null],
      ['1650', '50.00', null],
    ],
  ]);
  t.deepEqual(post(t, correction('75.00', { slag: 'övrig-kortfristig-skuld', postId: 'ÖS-1' })), [
    [
      ['2091', '-75.00', null],
      ['2890', '75.00', null],
    ],
  ]);
});

test('EgetKapitalRättat: its open-item effect lowers a receivable or a debt, or raises it, by the absolute amount', (t) => {
  const effects = (belopp: string, slag: EventInput<'EgetKapitalRättat'>['motpost']['slag']) =>
    postEventEffects(
      bookkeepingEvent('EgetKapitalRättat', {
        datum: '2021-05-01',
        belopp,
        motpost: { slag, postId: 'X-1' },
        text: 'Rättelse',
        skäl: 'Fel',
      }),
    );
  t.deepEqual(
    effects('-200.00', 'upplupen-intäkt').map(({ effect, belopp }) => [effect, belopp]),
    [['settle', '200.00']],
  );
  t.deepEqual(
    effects('200.00', 'kundfordran').map(({ effect, belopp }) => [effect, belopp]),
    [['open', '200.00']],
  );
  t.deepEqual(
    effects('-200.00', 'leverantörsskuld').map(({ effect, belopp }) => [effect, belopp]),
    [['open', '200.00']],
  );
  t.deepEqual(
    effects('200.00', 'upplupen-kostnad').map(({ effect, belopp }) => [effect, belopp]),
    [['settle', '200.00']],
  );
  t.deepEqual(
    postEventEffects(
      bookkeepingEvent('EgetKapitalRättat', {
        datum: '2021-05-01',
        belopp: '-1.00',
        motpost: { slag: 'momsfordran' },
        text: 'Rättelse',
        skäl: 'Fel',
      }),
    ),
    [],
  );
});

function postEventEffects(event: BookkeepingEvent) {
  return bookkeepingModule(event.type)
    .openItemEffects(event.data)
    .map((effect) =>
      effect.effect === 'open'
        ? { effect: effect.effect, belopp: effect.item.belopp, reopen: effect.reopen }
        : { effect: effect.effect, belopp: effect.belopp, whole: effect.whole },
    );
}

test('income rows carry their Not 1 source: medlem and medlemskategori, esf, intäktsslag and intäktspost', (t) => {
  t.deepEqual(
    post(
      t,
      bookkeepingEvent('MedlemsbidragMottaget', {
        datum: '2021-01-31',
        medlem: 'Täby kommun',
        medlemskategori: 'kommun',
        period: '2021',
        belopp: '100.00',
      }),
    ),
    [
      [
        ['1930', '100.00', null],
        ['3987', '-100.00', { medlem: 'Täby kommun', medlemskategori: 'kommun' }],
      ],
    ],
  );
  t.deepEqual(
    post(
      t,
      bookkeepingEvent('MedlemsbidragFakturerat', {
        datum: '2021-01-31',
        medlem: 'Försäkringskassan',
        medlemskategori: 'staten',
        period: '2021',
        belopp: '100.00',
        postId: 'KF-9',
      }),
    ),
    [
      [
        ['1510', '100.00', null],
        ['3985', '-100.00', { medlem: 'Försäkringskassan', medlemskategori: 'staten' }],
      ],
    ],
  );
  t.deepEqual(
    post(
      t,
      bookkeepingEvent('ESFUtbetalning', {
        datum: '2021-02-01',
        projekt: 'MIA',
        period: '2020 H2',
        belopp: '900.00',
      }),
    ),
    [
      [
        ['1930', '900.00', null],
        ['3989', '-900.00', { intäktsslag: 'esf' }],
      ],
    ],
  );
  t.deepEqual(
    post(
      t,
      bookkeepingEvent('ÖvrigIntäktBokförd', {
        datum: '2021-02-01',
        intäktsslag: 'övrig',
        intäktspost: 'Intäkt försäljning tjänst',
        belopp: '80.00',
        text: 'Sålt utbildning',
        betalning: { sätt: 'kundfordran', postId: 'KF-2' },
      }),
    ),
    [
      [
        ['1510', '80.00', null],
        ['3990', '-80.00', { intäktsslag: 'övrig', intäktspost: 'Intäkt försäljning tjänst' }],
      ],
    ],
  );
  t.deepEqual(
    post(
      t,
      bookkeepingEvent('ÖvrigIntäktBokförd', {
        datum: '2021-02-01',
        intäktsslag: 'bidrag',
        belopp: '80.00',
        text: 'Bidrag',
        betalning: { sätt: 'bank' },
      }),
    )[0]![1],
    ['3989', '-80.00', { intäktsslag: 'bidrag' }],
  );
  t.deepEqual(
    post(
      t,
      bookkeepingEvent('IntäktUpplupen', {
        datum: '2021-12-31',
        postId: 'UI-2',
        intäktsslag: 'övrig',
        intäktspost: 'Utlåning av personal',
        belopp: '70.00',
        text: 'Utlånad personal dec',
      }),
    ),
    [
      [
        ['1790', '70.00', null],
        ['3990', '-70.00', { intäktsslag: 'övrig', intäktspost: 'Utlåning av personal' }],
      ],
    ],
  );
});

test('IntäktUpplupen opens an item that keeps its intäktspost', (t) => {
  const effects = bookkeepingModule('IntäktUpplupen').openItemEffects(
    bookkeepingEvent('IntäktUpplupen', {
      datum: '2021-12-31',
      postId: 'UI-2',
      intäktsslag: 'övrig',
      intäktspost: 'Utlåning av personal',
      belopp: '70.00',
      text: 'x',
    }).data,
  );
  t.is(
    effects[0]!.effect === 'open' ? effects[0]!.item.intäktspost : undefined,
    'Utlåning av personal',
  );
});

test('PeriodiseringÅterförd puts the placement on the income or cost row, never on the balance row', (t) => {
  t.deepEqual(
    post(
      t,
      bookkeepingEvent('PeriodiseringÅterförd', {
        datum: '2022-01-01',
        postId: 'UI-2',
        slag: 'upplupen-intäkt',
        belopp: '70.00',
        intäktsslag: 'övrig',
        intäktspost: 'Utlåning av personal',
        text: 'Återföring',
      }),
    ),
    [
      [
        ['3990', '70.00', { intäktsslag: 'övrig', intäktspost: 'Utlåning av personal' }],
        ['1790', '-70.00', null],
      ],
    ],
  );
  t.deepEqual(
    post(
      t,
      bookkeepingEvent('PeriodiseringÅterförd', {
        datum: '2022-01-01',
        postId: 'UK-1',
        slag: 'upplupen-kostnad',
        belopp: '40.00',
        ...placement,
        text: 'Återföring',
      }),
    ),
    [
      [
        ['2990', '40.00', null],
        ['4010', '-40.00', placement],
      ],
    ],
  );
  t.deepEqual(
    post(
      t,
      bookkeepingEvent('PeriodiseringÅterförd', {
        datum: '2022-01-01',
        postId: 'FK-1',
        slag: 'förutbetald-kostnad',
        belopp: '40.00',
        område: 'administrativa',
        post: 'Lokaler',
        text: 'Hyra kv 1',
      }),
    ),
    [
      [
        ['6010', '40.00', { område: 'administrativa', post: 'Lokaler' }],
        ['1790', '-40.00', null],
      ],
    ],
  );
});

test('budget and staffing events post nothing', (t) => {
  t.deepEqual(
    post(
      t,
      bookkeepingEvent('BudgetFastställd', {
        år: 2021,
        beslutsdatum: '2020-11-20',
        beslut: 'Styrelsen § 7',
        kostnader: [{ område: 'operativa', post: 'Insatser', belopp: '100.00' }],
        intäkter: [],
      }),
    ),
    [],
  );
  t.deepEqual(
    post(
      t,
      bookkeepingEvent('BudgetÄndrad', {
        år: 2021,
        beslutsdatum: '2021-05-20',
        beslut: 'Styrelsen § 3',
        intäkter: [{ slag: 'esf', belopp: '5.00' }],
      }),
    ),
    [],
  );
  t.deepEqual(
    post(
      t,
      bookkeepingEvent('PersonalresurserRegistrerade', {
        år: 2021,
        årsarbetare: { operativa: '3.5' },
      }),
    ),
    [],
  );
});

test('HändelseRättad of a KostnadBokförd reverses every line and keeps the dimensions', (t) => {
  const original = cost({ sätt: 'bank' });
  const correction = bookkeepingEvent('HändelseRättad', {
    datum: '2021-06-01',
    rättadEventId: original.eventId,
    orsak: 'Fel',
    original: { type: original.type, schemaVersion: original.schemaVersion, data: original.data },
  });
  t.deepEqual(post(t, correction), [
    [
      ['4010', '-1000.00', placement],
      ['1650', '-250.00', null],
      ['1930', '1250.00', null],
    ],
  ]);
});

test('HändelseRättad of an income keeps its Not 1 dimensions', (t) => {
  const original = bookkeepingEvent('ÖvrigIntäktBokförd', {
    datum: '2021-02-01',
    intäktsslag: 'övrig',
    intäktspost: 'Intäkt försäljning tjänst',
    belopp: '80.00',
    text: 'Sålt',
    betalning: { sätt: 'bank' },
  });
  const correction = bookkeepingEvent('HändelseRättad', {
    datum: '2021-06-01',
    rättadEventId: original.eventId,
    orsak: 'Fel',
    original: { type: original.type, schemaVersion: original.schemaVersion, data: original.data },
  });
  t.deepEqual(post(t, correction)[0]![1], [
    '3990',
    '80.00',
    { intäktsslag: 'övrig', intäktspost: 'Intäkt försäljning tjänst' },
  ]);
});

test('compactRader merges lines only when account and dimensions are equal, and drops zero lines', (t) => {
  const a = { område: 'operativa', post: 'Insatser' } as const;
  const b = { område: 'operativa', post: 'Insatser', insats: 'MIA' } as const;
  const rader = compactRader([
    debet('4010', Money.from('100.00'), a),
    debet('4010', Money.from('50.00'), b),
    debet('4010', Money.from('25.00'), { post: 'Insatser', område: 'operativa' }),
    debet('4010', Money.from('5.00')),
    debet('1650', Money.from('0.00')),
    kredit('1930', Money.from('100.00')),
    kredit('1930', Money.from('80.00')),
  ]);
  t.deepEqual(
    rader.map((rad) => [rad.konto, rad.belopp.toString(), rad.dimensioner ?? null]),
    [
      ['4010', '125.00', a],
      ['4010', '50.00', b],
      ['4010', '5.00', null],
      ['1930', '-180.00', null],
    ],
  );
  t.deepEqual(
    compactRader([debet('4010', Money.from('1.00'), a), kredit('4010', Money.from('1.00'), a)]),
    [],
    'lines that cancel out disappear',
  );
  t.is(
    compactRader([debet('4010', Money.from('1.00'), a), kredit('4010', Money.from('1.00'), b)])
      .length,
    2,
    'different dimensions never cancel',
  );
});

test('dimensionerOf drops undefined entries and orders canonically; dimensionKey ignores the order of the given object', (t) => {
  t.is(dimensionerOf({ område: undefined, post: undefined }), undefined);
  t.deepEqual(
    Object.keys(dimensionerOf({ intäktspost: 'x', insats: 'MIA', område: 'operativa' })!),
    ['område', 'insats', 'intäktspost'],
  );
  t.is(dimensionKey(undefined), '');
  t.is(
    dimensionKey({ post: 'Insatser', område: 'operativa' }),
    dimensionKey({ område: 'operativa', post: 'Insatser' }),
  );
  t.not(
    dimensionKey({ område: 'operativa' }),
    dimensionKey({ område: 'operativa', post: 'Insatser' }),
  );
  t.is(dimensionKey({}), '', 'no dimensions, however written, is the empty key');
  t.is(dimensionKey({ område: undefined }), '');
  t.is(
    compactRader([debet('4010', Money.from('1.00'), {}), debet('4010', Money.from('2.00'))]).length,
    1,
    'empty dimensions merge with none',
  );
});

test('resultByDimension sums the result rows of a year by account and dimensions; a correction cancels its original', async (t) => {
  const first = cost({ sätt: 'bank' });
  const second = cost({ sätt: 'bank' }, { datum: '2021-04-10', belopp: '500.00', moms: '0.00' });
  const other = cost({ sätt: 'bank' }, { datum: '2021-04-11', insats: 'Annan', belopp: '30.00' });
  const income = bookkeepingEvent('MedlemsbidragMottaget', {
    datum: '2021-01-31',
    medlem: 'Täby kommun',
    medlemskategori: 'kommun',
    period: '2021',
    belopp: '5000.00',
  });
  const events: BookkeepingEvent[] = [
    bookkeepingEvent('IngåendeBalansRegistrerad', {
      datum: '2021-01-01',
      text: 'IB',
      kassaOchBank: '10000.00',
      momsfordran: '0',
      balanseratResultat: '10000.00',
      öppnaPoster: [],
    }),
    income,
    first,
    second,
    other,
    bookkeepingEvent('HändelseRättad', {
      datum: '2021-06-01',
      rättadEventId: other.eventId,
      orsak: 'Fel',
      original: { type: other.type, schemaVersion: other.schemaVersion, data: other.data },
    }),
  ];
  const totals = await runProjection(
    postEvents(events, defaultChart),
    ledgerTotalsProjection(defaultChart),
  );
  const byKey = new Map(
    dimensionTotalsOf(totals, 2021).map((total) => [
      `${total.konto}|${dimensionKey(total.dimensioner)}`,
      total.belopp.toString(),
    ]),
  );
  t.deepEqual(
    [...byKey].sort(),
    [
      [`3987|${dimensionKey({ medlem: 'Täby kommun', medlemskategori: 'kommun' })}`, '-5000.00'],
      [`4010|${dimensionKey(placement)}`, '1500.00'],
      [`4010|${dimensionKey({ ...placement, insats: 'Annan' })}`, '0.00'],
    ].sort(),
  );
  t.deepEqual(dimensionTotalsOf(totals, 2020), []);
  const resultOfLines = Money.sum(dimensionTotalsOf(totals, 2021).map((total) => total.belopp));
  t.is(
    resultOfLines.negated().toString(),
    '3500.00',
    'the dimension totals add up to the year result',
  );
});

test('property: dimensionKey is the JSON of the [name, value] pairs in canonical order, whatever the values hold', (t) => {
  const dimensions = fc.record(
    Object.fromEntries(
      dimensionNames.map((name) => [
        name,
        fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
      ]),
    ) as Record<(typeof dimensionNames)[number], fc.Arbitrary<string | undefined>>,
    { requiredKeys: [] },
  );
  fc.assert(
    fc.property(dimensions, (dimensioner) => {
      const pairs = dimensionNames
        .filter((name) => dimensioner[name] !== undefined)
        .map((name) => [name, dimensioner[name]]);
      return dimensionKey(dimensioner) === (pairs.length === 0 ? '' : JSON.stringify(pairs));
    }),
    { numRuns: 2000 },
  );
  t.pass();
});
