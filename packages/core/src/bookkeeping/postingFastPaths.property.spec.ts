import test from 'ava';
import fc from 'fast-check';
import { yearOf } from '../events/zodFields.js';
import { Money, moneyRuleBroken, oreOfDecimal } from '../money/Money.js';
import { nonNegativeAmount, positiveAmount, signedAmount } from '../money/zodMoney.js';
import { findPersonnummer, searchEveryChain } from '../privacy/personnummer.js';
import { openedItem } from './BookkeepingState.js';
import { bookkeepingCatalog } from './bookkeepingCatalog.js';
import { defaultChart } from './ChartOfAccounts.js';
import { ESFUtbetalning } from './events/ESFUtbetalning.js';
import { KostnadBokförd } from './events/KostnadBokförd.js';
import { LeverantörsskuldBetald } from './events/LeverantörsskuldBetald.js';
import { MedlemsbidragMottaget } from './events/MedlemsbidragMottaget.js';
import { placementOf, withPlacementOf, type OpenItemEffect } from './OpenItem.js';
import { verifikationsnummer } from './Verifikation.js';
import { VerifikationNumbering, writesVerifikationsnummer } from './postingFold.js';
import {
  compactRader,
  debet,
  dimensionerOf,
  dimensionKey,
  kredit,
  type VerifikationRad,
} from './Verifikation.js';

/**
 * The write path's fast paths (issue 15, the ledger's own share of a batched append), each held
 * to the general path it stands for, or to the code it replaced, on random input: amounts,
 * sums, years, verifikation numbers, compacted lines, a cost's posting and open item, an opened
 * item, and the personnummer search's first look.
 */

const amountText = fc.oneof(
  fc.bigInt({ min: 1n - 10n ** 17n, max: 10n ** 17n - 1n }).map((ore) => {
    const sign = ore < 0n ? '-' : '';
    const magnitude = ore < 0n ? -ore : ore;
    return `${sign}${magnitude / 100n}.${String(magnitude % 100n).padStart(2, '0')}`;
  }),
  fc.integer({ min: -99_999, max: 99_999 }).map(String),
  fc.constantFrom('0', '-0', '0.0', '-0.00', '1.5', '007.00', '1e5', 'NaN', '12.345', '', ' 1.00'),
  fc.string({ maxLength: 8 }),
);

test('Money.from reads every amount as Money.parse does, and refuses what it refuses', (t) => {
  fc.assert(
    fc.property(amountText, (text) => {
      const parsed = Money.parse(text);
      let read: Money | undefined;
      try {
        read = Money.from(text);
      } catch {
        read = undefined;
      }
      if (parsed._tag === 'Left') return read === undefined;
      return read !== undefined && read.toString() === parsed.right.toString();
    }),
    { numRuns: 5000 },
  );
  t.pass();
});

/** The öre of an amount as read before the one-pass reader: by the pattern and `Number`. */
function oreOfDecimalBefore(input: string): number | undefined {
  if (input.length > 20 || !/^-?(0|[1-9]\d*)(\.\d{1,2})?$/.test(input)) return undefined;
  const negative = input.charCodeAt(0) === 45;
  const point = input.indexOf('.');
  const integerText = input.slice(negative ? 1 : 0, point === -1 ? input.length : point);
  if (integerText.length > Money.integerDigitsMax) return undefined;
  const integerPart = Number(integerText);
  if (integerPart > Math.floor((Number.MAX_SAFE_INTEGER - 99) / 100)) return undefined;
  const fractionText = point === -1 ? '' : input.slice(point + 1);
  const fraction =
    fractionText.length === 0
      ? 0
      : fractionText.length === 1
        ? Number(fractionText) * 10
        : Number(fractionText);
  const magnitude = integerPart * 100 + fraction;
  return negative ? 0 - magnitude : magnitude;
}

test('an amount is read in one pass as the pattern and Number read it, and the schemas check it alike', (t) => {
  const nearAmount = fc.oneof(
    amountText,
    fc
      .array(fc.constantFrom(...'0123456789', '-', '.', '+', 'e', ' '), { maxLength: 22 })
      .map((characters) => characters.join('')),
    fc.constantFrom('90071992547409.91', '90071992547409.92', '999999999999999.99', '-0', '-.5'),
  );
  fc.assert(
    fc.property(nearAmount, (text) => {
      if (!Object.is(oreOfDecimal(text), oreOfDecimalBefore(text))) return false;
      // The amount schemas as they checked before: the rules, then zero and sign by pattern.
      const rule = moneyRuleBroken(text);
      const zero = /^-?0(\.0{1,2})?$/.test(text);
      const negative = !zero && text.startsWith('-');
      const expected = (sign: string) =>
        rule ??
        (sign === 'positive' && (negative || zero)
          ? 'amount-positive'
          : sign === 'non-negative' && negative
            ? 'amount-non-negative'
            : undefined);
      const ruleOf = (schema: ReturnType<typeof signedAmount>) => {
        const parsed = schema.safeParse(text);
        return parsed.success
          ? undefined
          : (parsed.error.issues[0] as { params?: { rule?: string } }).params?.rule;
      };
      return (
        ruleOf(positiveAmount()) === expected('positive') &&
        ruleOf(nonNegativeAmount()) === expected('non-negative') &&
        ruleOf(signedAmount()) === expected('signed')
      );
    }),
    { numRuns: 5000 },
  );
  t.pass();
});

const money = fc.oneof(
  fc.constantFrom('0.00', '0.01', '-0.01', '90071992547409.91', '-90071992547409.91'),
  fc.bigInt({ min: 1n - 10n ** 17n, max: 10n ** 17n - 1n }).map((ore) => {
    const magnitude = ore < 0n ? -ore : ore;
    return `${ore < 0n ? '-' : ''}${magnitude / 100n}.${String(magnitude % 100n).padStart(2, '0')}`;
  }),
  fc
    .integer({ min: -1_000_000, max: 1_000_000 })
    .map((ore) => Money.zero.plus(oreMoney(ore)).toString()),
);

function oreMoney(ore: number): Money {
  const magnitude = Math.abs(ore);
  return Money.from(
    `${ore < 0 ? '-' : ''}${Math.floor(magnitude / 100)}.${String(magnitude % 100).padStart(2, '0')}`,
  );
}

test('Money.sumOf gives the sum of plus, beyond the safe integers too; adding zero gives the amount', (t) => {
  fc.assert(
    fc.property(fc.array(money, { maxLength: 8 }), (texts) => {
      const amounts = texts.map((text) => Money.from(text));
      let folded = Money.zero;
      for (const amount of amounts) folded = folded.plus(amount);
      const summed = Money.sumOf(amounts, (amount) => amount);
      for (const amount of amounts)
        if (!amount.plus(Money.zero).equals(amount) || !amount.minus(Money.zero).equals(amount))
          return false;
      return summed.toString() === folded.toString() && summed.isZero() === folded.isZero();
    }),
    { numRuns: 3000 },
  );
  t.pass();
});

test('yearOf reads a year as Number of the first four characters does', (t) => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.integer({ min: 0, max: 9999 }).map((year) => `${String(year).padStart(4, '0')}-01-01`),
        fc.constantFrom('2021-01-01', '+202', '-202', ' 202', '20 1', '0x12', '1e3-', '２０２１'),
      ),
      (text) => Object.is(yearOf(text), Number(text.slice(0, 4))),
    ),
    { numRuns: 5000 },
  );
  t.pass();
});

test('a stored verifikation number is compared in place as the label it would be', (t) => {
  const number = fc.oneof(
    fc.integer({ min: 0, max: 10_000_000 }),
    fc.constantFrom(-1, Number.NaN, 1.5, 2 ** 53, 0),
  );
  const label = fc.oneof(
    fc.tuple(number, number).map(([år, löpnummer]) => `${år}-${löpnummer}`),
    fc.tuple(fc.nat(9999), fc.nat(99)).map(([år, löpnummer]) => `${år}-0${löpnummer}`),
    fc.constantFrom('2021-1', '02021-1', '2021--1', '2021-', '-1', '2021-1a', '2021-+1', ''),
    fc.string({ maxLength: 10 }),
  );
  fc.assert(
    fc.property(label, number, number, (text, år, löpnummer) => {
      const expected = text === verifikationsnummer({ år, löpnummer });
      return writesVerifikationsnummer(text, år, löpnummer) === expected;
    }),
    { numRuns: 5000 },
  );
  t.true(writesVerifikationsnummer('2021-17', 2021, 17));
  t.false(writesVerifikationsnummer('2021-017', 2021, 17));
});

/**
 * compactRader as it was before its fast path: every line merged by a scan, then zero lines
 * dropped.
 */
function compactRaderBefore(rader: readonly VerifikationRad[]): VerifikationRad[] {
  const merged: VerifikationRad[] = [];
  for (const rad of rader) {
    const index = merged.findIndex(
      (line) =>
        line.konto === rad.konto &&
        dimensionKey(line.dimensioner) === dimensionKey(rad.dimensioner),
    );
    if (index === -1) merged.push(rad);
    else merged[index] = { ...merged[index]!, belopp: merged[index]!.belopp.plus(rad.belopp) };
  }
  return merged.filter((rad) => !rad.belopp.isZero());
}

const linesOf = (rader: readonly VerifikationRad[]) =>
  JSON.stringify(rader.map((rad) => [rad.konto, rad.belopp.toString(), rad.dimensioner ?? null]));

test('compactRader gives what merging every line and dropping zero lines gives', (t) => {
  const rad = fc
    .record({
      konto: fc.constantFrom('1930', '2440', '4010', '1650'),
      belopp: fc.constantFrom('0.00', '1.00', '-1.00', '250.50', '-250.50'),
      dimensions: fc.constantFrom(undefined, { post: 'Lokaler' }, { post: 'Revision' }, {}),
      side: fc.boolean(),
    })
    .map(({ konto, belopp, dimensions, side }) =>
      (side ? debet : kredit)(konto, Money.from(belopp), dimensions),
    );
  fc.assert(
    fc.property(fc.array(rad, { maxLength: 20 }), (rader) => {
      const given = [...rader];
      return linesOf(compactRader(given)) === linesOf(compactRaderBefore(rader));
    }),
    { numRuns: 5000 },
  );
  t.pass();
});

/** KostnadBokförd's posting and open item as they were built before (spreads, a lookup object). */
function costBefore(data: Parameters<typeof KostnadBokförd.post>[0]) {
  const belopp = Money.from(data.belopp);
  const moms = Money.from(data.moms);
  const total = belopp.plus(moms);
  const chart = defaultChart;
  const creditAccount = {
    bank: chart.roles.bank,
    leverantörsskuld: chart.roles.leverantörsskulder,
    upplupen: chart.roles.upplupnaKostnader,
    'övrig-skuld': chart.roles.övrigaKortfristigaSkulder,
  }[data.betalning.sätt];
  const placement = dimensionerOf({
    område: data.område,
    post: data.post,
    underpost: data.underpost,
    insats: data.insats,
  });
  const drafts = [
    {
      datum: data.datum,
      text: data.text,
      ...(data.motpart === undefined ? {} : { motpart: data.motpart }),
      rader: compactRaderBefore([
        debet(chart.costAccount(data.område, data.post), belopp, placement),
        debet(chart.roles.momsfordran, moms),
        kredit(creditAccount, total),
      ]),
    },
  ];
  const effects =
    data.betalning.sätt === 'bank'
      ? []
      : [
          {
            effect: 'open',
            path: 'data.betalning.postId',
            datum: data.datum,
            item: {
              postId: data.betalning.postId,
              slag:
                data.betalning.sätt === 'leverantörsskuld'
                  ? 'leverantörsskuld'
                  : data.betalning.sätt === 'övrig-skuld'
                    ? 'övrig-kortfristig-skuld'
                    : 'upplupen-kostnad',
              belopp: total.toString(),
              text: data.text,
              ...(data.motpart === undefined ? {} : { motpart: data.motpart }),
              ...placementOf(data),
            },
          },
        ];
  return { drafts, effects };
}

const plainJson = (value: unknown) =>
  JSON.stringify(value, (_key, member: unknown) =>
    member instanceof Money ? `Money(${member.toString()})` : member,
  );

test('a cost is posted and opens its item as before, member for member and in order', (t) => {
  const costData = fc.record(
    {
      datum: fc.constantFrom('2021-03-01', '2024-12-31'),
      område: fc.constantFrom('administrativa', 'strukturpåverkande', 'operativa'),
      post: fc.constantFrom('Lokaler', 'Stödja ASF'),
      underpost: fc.constantFrom('Hyra', 'El'),
      insats: fc.constantFrom('MIA vidare'),
      belopp: fc.constantFrom('1.00', '1250.50', '90000.00'),
      moms: fc.constantFrom('0.00', '0', '312.63'),
      text: fc.constantFrom('Hyra mars', 'Stödja ASF 12345'),
      motpart: fc.constantFrom('Fastighets AB'),
      betalning: fc.oneof(
        fc.constant({ sätt: 'bank' }),
        fc.constantFrom('leverantörsskuld', 'upplupen', 'övrig-skuld').map((sätt) => ({
          sätt,
          postId: 'LF-1',
        })),
      ),
    },
    { requiredKeys: ['datum', 'område', 'post', 'belopp', 'text', 'betalning'] },
  );
  let checked = 0;
  fc.assert(
    fc.property(costData, (input) => {
      const parsed = bookkeepingCatalog.definition('KostnadBokförd')!.schema.safeParse(input);
      if (!parsed.success) return true;
      checked += 1;
      const data = parsed.data as Parameters<typeof KostnadBokförd.post>[0];
      const before = costBefore(data);
      const drafts = KostnadBokförd.post(data, defaultChart);
      const effects = KostnadBokförd.openItemEffects(data);
      const opened = effects.map((effect) =>
        effect.effect === 'open' ? plainJson(openedItem(effect, 'e-1')) : '',
      );
      const openedBefore = before.effects.map((effect) => {
        const {
          belopp,
          förfallodatum: _dueDate,
          ...rest
        } = effect.item as {
          belopp: string;
          förfallodatum?: string;
        };
        const amount = Money.from(belopp).toString();
        return plainJson({
          ...rest,
          ursprungligtBelopp: amount,
          öppetBelopp: amount,
          datum: effect.datum,
          eventId: 'e-1',
        });
      });
      return (
        plainJson(drafts) === plainJson(before.drafts) &&
        plainJson(effects) === plainJson(before.effects) &&
        JSON.stringify(opened) === JSON.stringify(openedBefore)
      );
    }),
    { numRuns: 2000 },
  );
  t.true(checked > 500, `${checked} costs`);
});

/** What a payment, a contribution and an ESF payout were posted as before their fast paths. */
const postedBefore = {
  LeverantörsskuldBetald: (data: Parameters<typeof LeverantörsskuldBetald.post>[0]) => ({
    drafts: [
      {
        datum: data.datum,
        text: data.text ?? `Betalning leverantörsskuld ${data.postId}`,
        ...(data.motpart === undefined ? {} : { motpart: data.motpart }),
        rader: [
          debet(defaultChart.roles.leverantörsskulder, Money.from(data.belopp)),
          kredit(defaultChart.roles.bank, Money.from(data.belopp)),
        ],
      },
    ],
    effects: [
      {
        effect: 'settle',
        postId: data.postId,
        belopp: data.belopp,
        slag: ['leverantörsskuld'],
        whole: false,
      },
    ],
  }),
  MedlemsbidragMottaget: (data: Parameters<typeof MedlemsbidragMottaget.post>[0]) => ({
    drafts: [
      {
        datum: data.datum,
        text: data.text ?? `Medlemsbidrag ${data.medlem} ${data.period}`,
        motpart: data.medlem,
        rader: [
          debet(defaultChart.roles.bank, Money.from(data.belopp)),
          kredit(defaultChart.contributionAccount(data.medlemskategori), Money.from(data.belopp), {
            medlem: data.medlem,
            medlemskategori: data.medlemskategori,
          }),
        ],
      },
    ],
    effects: [],
  }),
  ESFUtbetalning: (data: Parameters<typeof ESFUtbetalning.post>[0]) => ({
    drafts: [
      {
        datum: data.datum,
        text: data.text ?? `ESF-utbetalning ${data.projekt} ${data.period}`,
        motpart: 'Svenska ESF-rådet',
        rader: [
          debet(defaultChart.roles.bank, Money.from(data.belopp)),
          kredit(defaultChart.incomeAccount('esf'), Money.from(data.belopp), {
            intäktsslag: 'esf',
          }),
        ],
      },
    ],
    effects: [],
  }),
};

test('a payment, a contribution and an ESF payout are posted as before, member for member', (t) => {
  const optional = (text: fc.Arbitrary<string>) => fc.option(text, { nil: undefined });
  const common = {
    datum: fc.constantFrom('2021-03-01', '2024-12-31'),
    belopp: fc.constantFrom('1.00', '1250.50', '90000.00', '0.01', '12', '99999999999.99'),
    text: optional(fc.constantFrom('Betalning', 'Hyra mars')),
  };
  const input = fc.oneof(
    fc.record({
      type: fc.constant('LeverantörsskuldBetald' as const),
      data: fc.record(
        { ...common, postId: fc.constantFrom('LF-1', 'X'), motpart: optional(fc.constant('AB')) },
        { requiredKeys: ['datum', 'belopp', 'postId'] },
      ),
    }),
    fc.record({
      type: fc.constant('MedlemsbidragMottaget' as const),
      data: fc.record(
        {
          ...common,
          medlem: fc.constantFrom('Täby kommun', 'Staten'),
          medlemskategori: fc.constantFrom('staten', 'region', 'kommun'),
          period: fc.constantFrom('2021', 'Q1'),
        },
        { requiredKeys: ['datum', 'belopp', 'medlem', 'medlemskategori', 'period'] },
      ),
    }),
    fc.record({
      type: fc.constant('ESFUtbetalning' as const),
      data: fc.record(
        {
          ...common,
          projekt: fc.constantFrom('MIA vidare'),
          period: fc.constantFrom('2021', '2020-05-01–2020-08-31'),
        },
        { requiredKeys: ['datum', 'belopp', 'projekt', 'period'] },
      ),
    }),
  );
  const modules = { LeverantörsskuldBetald, MedlemsbidragMottaget, ESFUtbetalning };
  const checked = { LeverantörsskuldBetald: 0, MedlemsbidragMottaget: 0, ESFUtbetalning: 0 };
  fc.assert(
    fc.property(input, ({ type, data: raw }) => {
      const parsed = bookkeepingCatalog.definition(type)!.schema.safeParse(raw);
      if (!parsed.success) return true;
      checked[type] += 1;
      const module = modules[type] as unknown as {
        post(data: unknown, chart: typeof defaultChart): unknown;
        openItemEffects(data: unknown): unknown;
      };
      const before = (
        postedBefore[type] as (data: unknown) => { drafts: unknown; effects: unknown }
      )(parsed.data);
      return (
        plainJson(module.post(parsed.data, defaultChart)) === plainJson(before.drafts) &&
        plainJson(module.openItemEffects(parsed.data)) === plainJson(before.effects)
      );
    }),
    { numRuns: 1500 },
  );
  for (const [type, count] of Object.entries(checked)) t.true(count > 100, `${count} ${type}`);
});

test('the numbers given are the labels of the next löpnummer of each draft’s year', (t) => {
  fc.assert(
    fc.property(
      // The years are mostly the drafts' own, so that most drafts continue a numbering already
      // far along (large löpnummer), and sometimes another year.
      fc.array(
        fc.tuple(
          fc.oneof(fc.constantFrom(1999, 2021, 2024), fc.integer({ min: 1900, max: 2100 })),
          fc.nat({ max: 10_000_000 }),
        ),
        { maxLength: 4 },
      ),
      fc.array(fc.constantFrom('1999-01-01', '2021-06-30', '2024-12-31'), {
        minLength: 1,
        maxLength: 4,
      }),
      (entries, dates) => {
        const numbering = VerifikationNumbering.fromEntries(entries);
        const drafts = dates.map((datum) => ({ datum, text: 't', rader: [] }));
        const taken = new Map<number, number>();
        const expected = drafts.map((draft) => {
          const år = yearOf(draft.datum);
          const löpnummer = (taken.get(år) ?? numbering.next(år) - 1) + 1;
          taken.set(år, löpnummer);
          return verifikationsnummer({ år, löpnummer });
        });
        return JSON.stringify(numbering.numbersFor(drafts)) === JSON.stringify(expected);
      },
    ),
    { numRuns: 1000 },
  );
  t.pass();
});

test('withPlacementOf adds the placement after the item’s members, as a spread of placementOf does', (t) => {
  const placementMember = fc.constantFrom(undefined, 'a', 'Lokaler');
  fc.assert(
    fc.property(
      fc.record({
        område: placementMember,
        post: placementMember,
        underpost: placementMember,
        insats: placementMember,
        intäktsslag: placementMember,
        intäktspost: placementMember,
        text: placementMember,
      }),
      (source) => {
        const item = { postId: 'P-1', slag: 'leverantörsskuld', belopp: '1.00' };
        const expected = JSON.stringify(
          Object.entries({ ...item, ...placementOf(source as never) }),
        );
        return (
          JSON.stringify(Object.entries(withPlacementOf({ ...item }, source as never))) === expected
        );
      },
    ),
    { numRuns: 1000 },
  );
  const effect: OpenItemEffect = {
    effect: 'open',
    datum: '2021-01-01',
    item: { postId: 'X', slag: 'kundfordran', belopp: '5', text: 't', förfallodatum: '2021-02-01' },
  };
  t.deepEqual(Object.keys(openedItem(effect, 'e')), [
    'postId',
    'slag',
    'text',
    'ursprungligtBelopp',
    'öppetBelopp',
    'datum',
    'eventId',
  ]);
});

test('the personnummer search’s first look skips no text a Swedish letter and few digits could hide one in', (t) => {
  let personnummerFound = 0;
  const piece = fc.constantFrom(
    ...'0123456789',
    ...' -./',
    ...'Stödja ASF åäöÅÄÖé',
    '⑳',
    '٣',
    '８',
    '𝟗',
    '½',
    '⒛',
    '㋋',
    '\u2212',
    '811218',
    '811218',
    '9876',
    '9876',
    '-9876',
    '⑳⑳',
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
      const text = pieces.join('');
      const found = findPersonnummer(text);
      const searched = searchEveryChain(text);
      if (searched !== undefined) personnummerFound += 1;
      return JSON.stringify(found) === JSON.stringify(searched);
    }),
    { numRuns: 20_000 },
  );
  t.true(personnummerFound > 100, `${personnummerFound} texts hold one`);
});
