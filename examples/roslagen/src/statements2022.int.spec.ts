import test from 'ava';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import {
  bookkeepingStreamId,
  mainStatements,
  replayAnnualReport,
  replayBookkeeping,
  rowOf,
  type EventStore,
  type Statement,
} from '@finsam-ledger/core';
import { not2Lines, not2Post, not2Summor } from './history/index.js';
import {
  openRoslagenFileStore,
  recordRoslagenHistory,
  roslagenFörbundId,
} from './roslagenStore.js';

/**
 * Every line of the resultaträkning, balansräkning and kassaflödesanalys of the published
 * Årsredovisning 2022 (seed 000, tkr) with its 2021 column, and of 2021 with the 2020
 * column (the 2020 report, in kronor, rounded here to tkr), as the consistent ledger prints
 * them: exact kronor rounded half away from zero (`Money.roundedIn(1000, 0)`, as
 * formatMoney's 'tkr'). Where the print contradicts itself, the consistent figure is used
 * and the printed one is named in the comment (see examples/roslagen/README.md,
 * "Discrepancies").
 */
type Lines = Record<string, readonly [string, string]>;

const published2022: Record<'resultaträkning' | 'balansräkning' | 'kassaflödesanalys', Lines> = {
  resultaträkning: {
    'verksamhetens-intäkter': ['8217', '9169'],
    'verksamhetens-kostnader': ['-10308', '-10307'],
    avskrivningar: ['0', '0'],
    'verksamhetens-resultat': ['-2091', '-1138'],
    'finansiella-intäkter': ['0', '0'],
    'finansiella-kostnader': ['0', '0'],
    'årets-resultat': ['-2091', '-1138'],
  },
  balansräkning: {
    kundfordringar: ['0', '750'],
    'förutbetalda-kostnader-upplupna-intäkter': ['97', '891'],
    'övriga-fordringar': ['710', '357'],
    'kassa-och-bank': ['510', '2762'],
    'summa-tillgångar': ['1317', '4760'],
    'årets-resultat': ['-2091', '-1138'],
    // Printed 2 388 for 2022: but 3 525 − 1 138 = 2 387 (the 2021 column's own eget kapital, and
    // the
    // driftredovisning's utgående eget kapital 2021), and the driftredovisning's 296 = 2 387 − 2
    // 091.
    'övrigt-eget-kapital': ['2387', '3525'],
    // Not a printed line; the driftredovisning's "Utgående eget kapital" 296 and 2 387.
    'summa-eget-kapital': ['296', '2387'],
    leverantörsskulder: ['387', '909'],
    // Printed "Övrig skuld 0 / 3".
    'övriga-kortfristiga-skulder': ['0', '3'],
    // Printed 1 467 for 2021: 909 + 3 + 1 467 = 2 379, but summa 4 760 − eget kapital 2 387 = 2
    // 373,
    // and KF 2021 (+389 on 2020's 1 984) and KF 2022 (−1 353 to 2022's 1 020) both say 2 373.
    'upplupna-kostnader': ['633', '1461'],
    // Printed 4 766 would be the sum of the printed 2021 lines; the print says 4 760.
    'summa-eget-kapital-och-skulder': ['1317', '4760'],
  },
  kassaflödesanalys: {
    'årets-resultat': ['-2091', '-1138'],
    // Printed +13 for 2021: the ledger's only non-cash item is the correction of the 2020 ESF
    // accrual against eget kapital, −16 000 (EgetKapitalRättat).
    'justering-ej-likviditetspåverkande-poster': ['0', '-16'],
    // Printed −1 125 (= −1 138 + 13).
    'medel-före-förändring-av-rörelsekapital': ['-2091', '-1154'],
    // Printed −422 for 2021: 1 604 613 (2020) − 1 997 824 (2021) = −393 211; +13 − 422 = −16 − 393
    // = −409.
    'förändring-kortfristiga-fordringar': ['1191', '-393'],
    'förändring-kortfristiga-skulder': ['-1353', '389'],
    // −2 091 + 1 191 − 1 353 = −2 253 in rounded figures; exact −2 252 276 (printed −2 252).
    'kassaflöde-löpande-verksamhet': ['-2252', '-1158'],
    'årets-kassaflöde': ['-2252', '-1158'],
    'likvida-medel-vid-årets-början': ['2762', '3920'],
    'likvida-medel-vid-årets-slut': ['510', '2762'],
  },
};

/**
 * 2021 with the 2020 comparison: the 2020 column is Årsredovisning 2020's kronor, rounded to tkr.
 */
const published2021: Record<'resultaträkning' | 'balansräkning' | 'kassaflödesanalys', Lines> = {
  resultaträkning: {
    'verksamhetens-intäkter': ['9169', '9562'],
    'verksamhetens-kostnader': ['-10307', '-8995'],
    avskrivningar: ['0', '0'],
    'verksamhetens-resultat': ['-1138', '567'],
    'finansiella-intäkter': ['0', '0'],
    'finansiella-kostnader': ['0', '0'],
    'årets-resultat': ['-1138', '567'],
  },
  balansräkning: {
    kundfordringar: ['750', '375'],
    'förutbetalda-kostnader-upplupna-intäkter': ['891', '897'],
    'övriga-fordringar': ['357', '332'],
    'kassa-och-bank': ['2762', '3920'],
    'summa-tillgångar': ['4760', '5525'],
    'årets-resultat': ['-1138', '567'],
    'övrigt-eget-kapital': ['3525', '2974'],
    'summa-eget-kapital': ['2387', '3541'],
    leverantörsskulder: ['909', '630'],
    'övriga-kortfristiga-skulder': ['3', '0'],
    'upplupna-kostnader': ['1461', '1354'],
    'summa-eget-kapital-och-skulder': ['4760', '5525'],
  },
  kassaflödesanalys: {
    'årets-resultat': ['-1138', '567'],
    'justering-ej-likviditetspåverkande-poster': ['-16', '0'],
    'medel-före-förändring-av-rörelsekapital': ['-1154', '567'],
    'förändring-kortfristiga-fordringar': ['-393', '287'],
    'förändring-kortfristiga-skulder': ['389', '493'],
    'kassaflöde-löpande-verksamhet': ['-1158', '1347'],
    'årets-kassaflöde': ['-1158', '1347'],
    'likvida-medel-vid-årets-början': ['3920', '2573'],
    'likvida-medel-vid-årets-slut': ['2762', '3920'],
  },
};

/** RECONSTRUCTED exact kronor of the main figures (the tkr above are these, rounded). */
const exact = {
  2022: {
    intäkter: '8217200.00',
    kostnader: '-10308000.00',
    resultat: '-2090800.00',
    tillgångar: '1316654.00',
    egetKapital: '296204.00',
    bank: '510054.00',
  },
  2021: {
    intäkter: '9169180.00',
    kostnader: '-10307460.00',
    resultat: '-1138280.00',
    tillgångar: '4760154.00',
    egetKapital: '2387004.00',
    bank: '2762330.00',
  },
} as const;

function assertStatement(t: import('ava').ExecutionContext, statement: Statement, expected: Lines) {
  const lineRows = statement.rows.filter((row) => row.kind !== 'heading');
  t.deepEqual(
    lineRows.map((row) => row.key).sort(),
    Object.keys(expected).sort(),
    `${statement.name} ${statement.year} has exactly the published lines`,
  );
  for (const [key, printed] of Object.entries(expected)) {
    t.deepEqual(
      rowOf(statement, key).amounts.map((amount) => amount?.roundedIn(1000, 0)),
      [...printed],
      `${statement.name} ${statement.year} ${key}`,
    );
  }
}

async function assertStore(t: import('ava').ExecutionContext, store: EventStore) {
  const { totals } = await replayBookkeeping(
    store.readStream(bookkeepingStreamId(roslagenFörbundId)),
  );
  for (const [year, published] of [
    [2022, published2022],
    [2021, published2021],
  ] as const) {
    const statements = mainStatements(totals, year);
    assertStatement(t, statements.resultaträkning, published.resultaträkning);
    assertStatement(t, statements.balansräkning, published.balansräkning);
    assertStatement(t, statements.kassaflödesanalys, published.kassaflödesanalys);
    t.deepEqual(
      statements.balansräkning.columns.map((column) => column.source),
      ['bokföring', 'bokföring'],
    );
    const figures = exact[year];
    t.is(
      rowOf(statements.resultaträkning, 'verksamhetens-intäkter').amounts[0]!.toString(),
      figures.intäkter,
    );
    t.is(
      rowOf(statements.resultaträkning, 'verksamhetens-kostnader').amounts[0]!.toString(),
      figures.kostnader,
    );
    t.is(
      rowOf(statements.resultaträkning, 'årets-resultat').amounts[0]!.toString(),
      figures.resultat,
    );
    t.is(
      rowOf(statements.balansräkning, 'summa-tillgångar').amounts[0]!.toString(),
      figures.tillgångar,
    );
    t.is(
      rowOf(statements.balansräkning, 'summa-eget-kapital').amounts[0]!.toString(),
      figures.egetKapital,
    );
    t.is(
      rowOf(statements.kassaflödesanalys, 'likvida-medel-vid-årets-slut').amounts[0]!.toString(),
      figures.bank,
    );
  }
  t.is(
    rowOf(
      mainStatements(totals, 2021).kassaflödesanalys,
      'justering-ej-likviditetspåverkande-poster',
    ).amounts[0]!.toString(),
    '-16000.00',
    'the ESF correction of 2020, exactly',
  );
  t.true(
    totals.closedYears.has(2021) && totals.closedYears.has(2022),
    '2021 and 2022 are closed, as the board adopted them',
  );
}

test('recorded into memory through the rules, the history gives every line of RR, BR and KF 2022 and 2021 (tkr)', async (t) => {
  const store = getInMemoryEventStore();
  const recorded = await recordRoslagenHistory(store);
  if (recorded._tag === 'Left') return t.fail(`${recorded.left.code}: ${recorded.left.message}`);
  await assertStore(t, store);
});

test('replaying the committed file store gives the same lines', async (t) => {
  const opened = await openRoslagenFileStore();
  if (opened._tag === 'Left') return t.fail(`${opened.left.code}: ${opened.left.message}`);
  try {
    await assertStore(t, opened.right);
  } finally {
    await opened.right.close();
  }
});

test('Not 2 2022 as the core prints it from the committed store: every post line (utfall, budget in force, avvikelse, 2021) as Årsredovisning 2022 prints it, except where the print does not add up', async (t) => {
  const opened = await openRoslagenFileStore();
  if (opened._tag === 'Left') return t.fail(`${opened.left.code}: ${opened.left.message}`);
  try {
    const { not2 } = await replayAnnualReport(
      opened.right.readStream(bookkeepingStreamId(roslagenFörbundId)),
      2022,
    );
    const tkr = (key: string) =>
      rowOf(not2, key).amounts.map((amount) => amount?.roundedIn(1000, 0) ?? null);
    for (const line of not2Lines) {
      const { utfall2022, budget2022, avvikelse2022, utfall2021 } = line.printed;
      const expected = [
        utfall2022,
        budget2022,
        avvikelse2022,
        utfall2021 === '' ? '0' : utfall2021,
      ];
      // Printed −83 and 38 (entry 26 of the README); 2021 Övrigt printed 96 (entry 25).
      if (line.post === not2Post.teamUtanförMia) expected[2] = '83';
      if (line.post === not2Post.övrigaOperativa) expected[2] = '37';
      if (line.område === 'administrativa' && line.post === not2Post.övrigt) expected[3] = '100';
      t.deepEqual(tkr(`post:${line.område}|${line.post}`), expected, line.post);
    }
    for (const område of ['administrativa', 'strukturpåverkande', 'operativa'] as const) {
      const { utfall2022, budget2022, avvikelse2022, utfall2021 } = not2Summor[område];
      // Printed avvikelse 401 and −67 (entry 26).
      const avvikelse =
        område === 'strukturpåverkande' ? '166' : område === 'operativa' ? '66' : avvikelse2022;
      t.deepEqual(
        tkr(`summa:${område}`),
        [utfall2022, budget2022, avvikelse, utfall2021],
        `summa ${område}`,
      );
    }
    // Printed budget 10 590 (entry 27); no avvikelse printed.
    t.deepEqual(tkr('summa'), ['10308', '10560', '252', '10307']);
    t.deepEqual(
      not2.rows.filter((row) => row.key.startsWith('underpost:')).map((row) => row.key),
      [],
      'no sub-lines: from 2021 every cost is on a post',
    );
  } finally {
    await opened.right.close();
  }
});
