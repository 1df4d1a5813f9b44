import test from 'ava';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { createLedger } from '../facade/createLedger.js';
import { isLedgerError } from '../error.js';
import {
  finansiellaRiktlinjer,
  renderGuidelineReportText,
  type GuidelineCheckKey,
  type GuidelineReport,
} from './FinansiellaRiktlinjer.js';
import { at, must, mustTask } from './openItemsAtYearEnd.testScenario.js';

const roslagenKommuner2020 = {
  'Täby kommun': '363333.00',
  'Österåkers kommun': '263333.00',
  Vallentuna: '223333.00',
  Vaxholm: '133333.00',
  Danderyd: '203333.00',
  Norrtälje: '313333.00',
};

/**
 * 2020: contributions 6 000 000 (staten 3 000 000, region 1 500 000, three municipalities
 * 500 000 each); costs 5 000 000: administrativa 1 000 000, strukturpåverkande 1 200 000,
 * operativa 2 800 000 (exactly 70 % of the insatsmedel 4 000 000); eget kapital at the year
 * end 200 000 + 1 000 000 = 1 200 000, exactly 20 % of the contributions.
 */
async function guidelineLedger(
  options: {
    balanseratResultat?: string;
    operativa?: string;
    strukturpåverkande?: string;
    kommuner?: Record<string, string>;
    close?: boolean;
    /**
     * The områden whose 2020 cost, and the medlemskategorier whose 2020 contribution, are
     * corrected on this date of 2021 (after the close).
     */
    correctedIn2021?: { datum: string; områden: readonly string[]; kategorier?: readonly string[] };
  } = {},
) {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  const equity = options.balanseratResultat ?? '200000.00';
  await must(ledger, 'IngåendeBalansRegistrerad', {
    datum: '2020-01-01',
    text: 'IB 2020',
    kassaOchBank: equity,
    momsfordran: '0',
    balanseratResultat: equity,
    öppnaPoster: [],
  });
  const contributionIds = new Map<string, string>();
  const contribution = async (medlem: string, medlemskategori: string, belopp: string) =>
    contributionIds.set(
      medlemskategori,
      await must(ledger, 'MedlemsbidragMottaget', {
        datum: '2020-03-31',
        medlem,
        medlemskategori,
        period: '2020',
        belopp,
      }),
    );
  await contribution('Staten (Försäkringskassan/Arbetsförmedlingen)', 'staten', '3000000.00');
  await contribution('Region Stockholm', 'region', '1500000.00');
  for (const [medlem, belopp] of Object.entries(
    options.kommuner ?? {
      'Täby kommun': '500000.00',
      Norrtälje: '500000.00',
      Danderyd: '500000.00',
    },
  ))
    await contribution(medlem, 'kommun', belopp);
  const cost = (område: string, belopp: string) =>
    must(ledger, 'KostnadBokförd', {
      datum: '2020-06-30',
      område,
      post: 'Personal',
      belopp,
      text: `Personal ${område}`,
      betalning: { sätt: 'bank' },
    });
  const costIds = new Map([
    ['administrativa', await cost('administrativa', '1000000.00')],
    [
      'strukturpåverkande',
      await cost('strukturpåverkande', options.strukturpåverkande ?? '1200000.00'),
    ],
    ['operativa', await cost('operativa', options.operativa ?? '2800000.00')],
  ]);
  if (options.close)
    await mustTask(ledger.closeYear(2020, '2021-03-17', at('2021-03-17T08:00:00.000Z')));
  const {
    datum,
    områden,
    kategorier = [],
  } = options.correctedIn2021 ?? {
    datum: '',
    områden: [],
  };
  const corrected = [
    ...områden.map((område) => costIds.get(område)!),
    ...kategorier.map((kategori) => contributionIds.get(kategori)!),
  ];
  for (const eventId of corrected)
    await mustTask(ledger.correct(eventId, datum, 'Fel förbund', at(`${datum}T08:00:00.000Z`)));
  return ledger.totals();
}

const check = (report: GuidelineReport, key: GuidelineCheckKey) =>
  report.checks.find((candidate) => candidate.key === key)!;
const figure = (report: GuidelineReport, key: GuidelineCheckKey, name: string) =>
  String(check(report, key).figures[name]);

test('every guideline met, at its boundary: exactly 50/25/25, exactly 70 % operativa, exactly 20 % eget kapital', async (t) => {
  const totals = await guidelineLedger();
  const report = finansiellaRiktlinjer(totals, 2020, {
    administrativaKostnaderMax: '1000000.00',
    administrativaAndelMax: '0.20',
    strukturpåverkandeAndelMin: '0.30',
  });
  t.deepEqual(
    report.checks.map((candidate) => [candidate.key, candidate.passed]),
    [
      ['finsam-5-paragraf', true],
      ['medlemsandelar', null],
      ['administrativa-kostnader', true],
      ['operativa-andel', true],
      ['strukturpåverkande-andel', true],
      ['eget-kapital', true],
    ],
  );
  t.is(figure(report, 'finsam-5-paragraf', 'staten'), '3000000.00');
  t.is(figure(report, 'finsam-5-paragraf', 'andelStaten'), '0.5000');
  t.is(figure(report, 'finsam-5-paragraf', 'kommuner'), '1500000.00');
  t.is(figure(report, 'operativa-andel', 'insatsmedel'), '4000000.00');
  t.is(figure(report, 'operativa-andel', 'andelOperativa'), '0.7000');
  t.is(figure(report, 'strukturpåverkande-andel', 'andelStrukturpåverkande'), '0.3000');
  t.is(figure(report, 'eget-kapital', 'egetKapital'), '1200000.00');
  t.is(figure(report, 'eget-kapital', 'egetKapitalGräns'), '1200000.00');
  t.is(figure(report, 'administrativa-kostnader', 'andelAdministrativa'), '0.2000');
  t.deepEqual(report.guidelines, {
    operativaAndelMin: '0.70',
    egetKapitalAndelMax: '0.20',
    administrativaKostnaderMax: '1000000.00',
    administrativaAndelMax: '0.20',
    strukturpåverkandeAndelMin: '0.30',
  });
  t.regex(check(report, 'finsam-5-paragraf').rationale, /Lag \(2003:1210\).* 5 §/);
  t.regex(check(report, 'eget-kapital').rationale, /Nationella rådet/);

  const json = JSON.parse(JSON.stringify(report));
  t.is(
    json.checks[0].figures.staten,
    '3000000.00',
    'plain data: Money serialises as a decimal string',
  );

  const text = renderGuidelineReportText(report);
  t.regex(text, /^Finansiella riktlinjer 2020$/m);
  t.regex(text, /^\[Uppfylld\] Operativa individinsatsers andel av insatsmedlen$/m);
  t.regex(text, /^ {2}Operativas andel\s+70,00 %$/m);
  t.regex(text, /^ {2}Eget kapital vid årets slut\s+1 200 000,00 kr$/m);
  t.regex(text, /^ {2}Skäl: Nationella rådet/m);
});

test('one öre over the boundary fails: operativa just under 70 %, eget kapital just over 20 %, administration over its cap and share', async (t) => {
  const totals = await guidelineLedger({
    balanseratResultat: '200000.01',
    operativa: '2799999.99',
    strukturpåverkande: '1200000.01',
  });
  const report = finansiellaRiktlinjer(totals, 2020, {
    administrativaKostnaderMax: '999999.99',
    administrativaAndelMax: '0.19',
    strukturpåverkandeAndelMin: '0.30',
  });
  t.is(check(report, 'operativa-andel').passed, false);
  t.is(
    figure(report, 'operativa-andel', 'andelOperativa'),
    '0.7000',
    'the shown share rounds; the comparison is exact',
  );
  t.regex(check(report, 'operativa-andel').explanation, /Under den lägsta andelen 70,00 %/);
  t.is(check(report, 'strukturpåverkande-andel').passed, true);
  t.is(check(report, 'eget-kapital').passed, false);
  t.regex(check(report, 'eget-kapital').explanation, /över gränsen 20,00 %/);
  t.is(check(report, 'administrativa-kostnader').passed, false);
  t.regex(
    check(report, 'administrativa-kostnader').explanation,
    /Över ramen 999 999,99 kr med 0,01 kr/,
  );
  t.regex(
    renderGuidelineReportText(report),
    /^\[Ej uppfylld\] Eget kapital i förhållande till medelstilldelningen$/m,
  );
  const onlyShare = finansiellaRiktlinjer(totals, 2020, { administrativaAndelMax: '0.20' });
  t.is(
    check(onlyShare, 'administrativa-kostnader').passed,
    true,
    'exactly 20 % of the costs is within a 20 % share',
  );
});

test('Finsam 5 §: Roslagen 2020 paid 1 499 998 kr for the municipalities, 1,50 kr short; a configured tolerance accepts it', async (t) => {
  const totals = await guidelineLedger({ kommuner: roslagenKommuner2020 });
  const exact = finansiellaRiktlinjer(totals, 2020);
  const finsam = check(exact, 'finsam-5-paragraf');
  t.is(finsam.passed, false);
  t.is(figure(exact, 'finsam-5-paragraf', 'medlemsbidrag'), '5999998.00');
  t.is(figure(exact, 'finsam-5-paragraf', 'kommuner'), '1499998.00');
  t.regex(
    finsam.explanation,
    /staten 1,00 kr över sin andel, regionen 0,50 kr över sin andel, kommunerna 1,50 kr under sin andel/,
  );
  t.is(
    check(finansiellaRiktlinjer(totals, 2020, { finsamAvvikelseMax: '2.00' }), 'finsam-5-paragraf')
      .passed,
    true,
  );
  t.is(
    check(finansiellaRiktlinjer(totals, 2020, { finsamAvvikelseMax: '1.00' }), 'finsam-5-paragraf')
      .passed,
    false,
    'the municipalities are 1,50 kr off',
  );
});

test("medlemsandelar: each member's contribution against its share of the year, andelPerÅr before andel", async (t) => {
  // Given 2020's contributions: staten 3 000 000, region 1 500 000, three kommuner 500 000 each.
  const totals = await guidelineLedger();
  const shares = (danderyd: { andel?: string; andelPerÅr?: Record<string, string> }) => ({
    medlemsandelar: [
      { medlem: 'Staten (Försäkringskassan/Arbetsförmedlingen)', andel: '1/2' },
      { medlem: 'Region Stockholm', andel: '1/4' },
      { medlem: 'Täby kommun', andel: '1/12' },
      { medlem: 'Norrtälje', andel: '1/12' },
      { medlem: 'Danderyd', ...danderyd },
    ],
  });
  // When Danderyd's share is 1/10 in every year but 2020, where it is 1/12: the check passes.
  const yearly = check(
    finansiellaRiktlinjer(totals, 2020, shares({ andel: '1/10', andelPerÅr: { '2020': '1/12' } })),
    'medlemsandelar',
  );
  t.is(yearly.passed, true, yearly.explanation);
  t.is(String(yearly.figures['Danderyd']), '500000.00');
  t.is(String(yearly.figures['medlemsbidrag']), '6000000.00');
  t.is(
    yearly.explanation,
    'Varje medlems bidrag följer dess andel av medlemsbidragen 6 000 000,00 kr.',
  );
  // When 1/10 is its share for 2020 too: 600 000 was due, 100 000 short.
  const off = check(
    finansiellaRiktlinjer(totals, 2020, shares({ andel: '1/10' })),
    'medlemsandelar',
  );
  t.is(off.passed, false);
  t.is(
    off.explanation,
    'Bidragen följer inte andelarna av medlemsbidragen 6 000 000,00 kr: Danderyd 500 000,00 kr, 100 000,00 kr under sin andel 1/10 (600 000,00 kr).',
  );
  // When Danderyd has no share: it is named, not checked, and the others pass.
  const unshared = check(finansiellaRiktlinjer(totals, 2020, shares({})), 'medlemsandelar');
  t.is(unshared.passed, true);
  t.regex(
    unshared.explanation,
    / Utan andel i konfigurationen, inte prövade: Danderyd 500 000,00 kr\.$/,
  );
  // When no member has a share, or the year has no contributions: it cannot be checked.
  t.is(check(finansiellaRiktlinjer(totals, 2020), 'medlemsandelar').passed, null);
  t.is(check(finansiellaRiktlinjer(totals, 2021, shares({})), 'medlemsandelar').passed, null);
});

test('medlemsandelar: an öre off fails unless the tolerance of Finsam 5 § allows it, and a share is compared exactly', async (t) => {
  // Given Täby one öre over and Norrtälje one öre under their twelfths of 6 000 000.
  const totals = await guidelineLedger({
    kommuner: { 'Täby kommun': '500000.01', Norrtälje: '499999.99', Danderyd: '500000.00' },
  });
  const medlemsandelar = [
    { medlem: 'Täby kommun', andel: '1/12' },
    { medlem: 'Norrtälje', andel: '1/12' },
    { medlem: 'Danderyd', andel: '1/12' },
  ];
  const exact = check(finansiellaRiktlinjer(totals, 2020, { medlemsandelar }), 'medlemsandelar');
  t.is(exact.passed, false);
  t.regex(exact.explanation, /Täby kommun 500 000,01 kr, 0,01 kr över sin andel 1\/12/);
  t.regex(exact.explanation, /Norrtälje 499 999,99 kr, 0,01 kr under sin andel 1\/12/);
  const tolerated = check(
    finansiellaRiktlinjer(totals, 2020, { medlemsandelar, finsamAvvikelseMax: '0.01' }),
    'medlemsandelar',
  );
  t.is(tolerated.passed, true);
  t.regex(tolerated.explanation, /inom 0,01 kr per medlem \(Täby kommun 500 000,01 kr/);
  // A third of 6 000 000.01 is 2 000 000.00333…: 2 000 000.00 is less than an öre from it.
  const third = check(
    finansiellaRiktlinjer(totals, 2020, {
      medlemsandelar: [{ medlem: 'Region Stockholm', andel: '1500000/6000000' }],
    }),
    'medlemsandelar',
  );
  t.is(third.passed, true, third.explanation);
  t.throws(
    () =>
      finansiellaRiktlinjer(totals, 2020, {
        medlemsandelar: [{ medlem: 'Täby kommun', andelPerÅr: { '2020': '5/4' } }],
      }),
    { message: /medlemsandelar\[0\]\.andelPerÅr\.2020 is a share from 0 to 1/ },
  );
});

test('what cannot be checked is null: no limit configured, no contributions or costs in the year, a year outside the books', async (t) => {
  const totals = await guidelineLedger({ close: true });
  const report2020 = finansiellaRiktlinjer(totals, 2020);
  t.is(check(report2020, 'administrativa-kostnader').passed, null, 'no cap configured');
  t.regex(check(report2020, 'administrativa-kostnader').explanation, /Ingen ram är konfigurerad/);
  t.is(
    check(report2020, 'strukturpåverkande-andel').passed,
    null,
    'no minimum configured, the share still reported',
  );
  t.is(figure(report2020, 'strukturpåverkande-andel', 'andelStrukturpåverkande'), '0.3000');

  const report2021 = finansiellaRiktlinjer(totals, 2021);
  t.deepEqual(
    report2021.checks.map((candidate) => candidate.passed),
    [null, null, null, null, null, null],
  );
  t.is(
    figure(report2021, 'eget-kapital', 'egetKapital'),
    '1200000.00',
    'the equity is still shown',
  );
  t.regex(
    renderGuidelineReportText(report2021),
    /^\[Kan inte prövas\] Medlemsbidragens fördelning \(Finsam 5 §\)$/m,
  );

  const report2019 = finansiellaRiktlinjer(totals, 2019);
  t.true(
    report2019.checks.every(
      (candidate) =>
        candidate.passed === null && /finns inte i bokföringen/.test(candidate.explanation),
    ),
  );
});

test('a share of negative costs cannot be tested: corrections above the year’s costs do not pass a 25 % cap at 100 %', async (t) => {
  const totals = await guidelineLedger({
    close: true,
    correctedIn2021: { datum: '2021-01-15', områden: ['administrativa', 'strukturpåverkande'] },
  });
  const report = finansiellaRiktlinjer(totals, 2021, {
    administrativaAndelMax: '0.25',
    operativaAndelMin: '0.70',
  });
  const administration = check(report, 'administrativa-kostnader');
  t.is(administration.passed, null);
  t.is(String(administration.figures['verksamhetensKostnader']), '-2200000.00');
  t.is(administration.figures['andelAdministrativa'], undefined, 'no share of negative costs');
  t.regex(
    administration.explanation,
    /^De administrativa kostnaderna var -1 000 000,00 kr\. Andelen kan inte prövas: verksamhetens kostnader är negativa \(-2 200 000,00 kr\)/,
  );
  const operativa = check(report, 'operativa-andel');
  t.is(operativa.passed, null);
  t.regex(operativa.explanation, /insatsmedlen är negativa \(-1 200 000,00 kr\)/);
  // A cap in kronor still holds: the administration cost less than nothing.
  const capped = finansiellaRiktlinjer(totals, 2021, { administrativaKostnaderMax: '100000.00' });
  t.is(check(capped, 'administrativa-kostnader').passed, true);
});

test('an equity share of negative medlemsbidrag cannot be tested: a correction of the state’s contribution gives no verdict', async (t) => {
  const totals = await guidelineLedger({
    close: true,
    correctedIn2021: { datum: '2021-01-15', områden: [], kategorier: ['staten'] },
  });
  const equity = check(finansiellaRiktlinjer(totals, 2021), 'eget-kapital');
  t.is(String(equity.figures['medlemsbidrag']), '-3000000.00');
  t.is(equity.passed, null);
  t.is(equity.figures['andelEgetKapital'], undefined, 'no share of negative contributions');
  t.regex(
    equity.explanation,
    /; medlemsbidragen är negativa \(-3 000 000,00 kr\), rättelser större än årets bidrag, så andelen kan inte prövas\./,
  );
});

test('guidelines are decimal strings: a number, a percent sign or a share above 1 is refused, naming the field', async (t) => {
  const totals = await guidelineLedger();
  for (const [guidelines, path] of [
    [{ operativaAndelMin: '70%' }, 'guidelines.operativaAndelMin'],
    [{ egetKapitalAndelMax: 0.2 as unknown as string }, 'guidelines.egetKapitalAndelMax'],
    [{ strukturpåverkandeAndelMin: '1.5' }, 'guidelines.strukturpåverkandeAndelMin'],
    [{ administrativaKostnaderMax: '2e6' }, 'guidelines.administrativaKostnaderMax'],
    [{ finsamAvvikelseMax: '-1.00' }, 'guidelines.finsamAvvikelseMax'],
  ] as const) {
    const error = t.throws(() => finansiellaRiktlinjer(totals, 2020, guidelines));
    t.true(isLedgerError(error, 'VALIDATION_FAILED'));
    t.deepEqual(isLedgerError(error) ? error.issues.map((issue) => issue.path) : [], [path]);
  }
  t.is(
    finansiellaRiktlinjer(totals, 2020, { operativaAndelMin: undefined }).guidelines
      .operativaAndelMin,
    '0.70',
    'undefined means the default',
  );
});
