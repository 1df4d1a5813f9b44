import { readFileSync } from 'node:fs';
import test from 'ava';
import * as E from 'fp-ts/Either';
import { findingId, type ReconcileFinding } from './ReconcileFinding.js';
import { parsePrintedReport } from './parsePrintedReport.js';
import type { PrintedReport, PrintedStatement } from './PrintedReport.js';
import { printedReportJsonSchemaText } from './printedReportJsonSchema.js';
import { reconcileReport } from './reconcileReport.js';
import { consistentReport, twoYearStatement } from './reconcileReport.testScenario.js';

const withStatement = (report: PrintedReport, statement: PrintedStatement): PrintedReport => ({
  ...report,
  statements: report.statements.map((candidate) =>
    candidate.statement === statement.statement ? statement : candidate,
  ),
});
const ids = (findings: readonly ReconcileFinding[]) => findings.map(findingId);

test('a report whose figures all add up has no finding', (t) => {
  const result = reconcileReport(consistentReport());
  t.deepEqual(result.findings, []);
  t.false(result.differs);
  t.is(result.figures, 28);
});

test('a total that is not the sum of its rows names the row, the column, both figures and the arithmetic', (t) => {
  const report = consistentReport();
  const resultaträkning = twoYearStatement('resultaträkning', 2021, {
    'verksamhetens-intäkter': ['1 000 000', '900 000'],
    'verksamhetens-kostnader': ['- 800 000', '- 950 000'],
    'årets-resultat': {
      sumOf: ['verksamhetens-intäkter', 'verksamhetens-kostnader'],
      amounts: ['200 060', '-50 000'],
    },
  });
  const result = reconcileReport(withStatement(report, resultaträkning));
  const summa = result.findings.find((finding) => finding.check === 'summa');
  t.deepEqual(summa, {
    check: 'summa',
    severity: 'avvikelse',
    report: 2021,
    statement: 'resultaträkning',
    rowKey: 'årets-resultat',
    row: 'årets-resultat',
    column: '2021-12-31',
    printed: '200 060 kr',
    expected: '200 000 kr',
    arithmetic:
      'verksamhetens-intäkter 1 000 000 kr + verksamhetens-kostnader -800 000 kr = 200 000 kr, printed 200 060 kr',
  });
  t.true(result.differs);
});

test('in tkr a sum one off by rounding is an avrundning, listed but not a difference', (t) => {
  const statement = twoYearStatement('kassaflödesanalys', 2022, {
    'årets-resultat': ['-2 091', '-1 138'],
    'förändring-kortfristiga-fordringar': ['1 191', '-393'],
    'förändring-kortfristiga-skulder': ['-1 353', '389'],
    'kassaflöde-löpande-verksamhet': {
      sumOf: [
        'årets-resultat',
        'förändring-kortfristiga-fordringar',
        'förändring-kortfristiga-skulder',
      ],
      amounts: ['-2 252', '-1 142'],
    },
  });
  const result = reconcileReport({ förbund: 'F', år: 2022, enhet: 'tkr', statements: [statement] });
  t.deepEqual(
    result.findings.map((finding) => [finding.severity, finding.column, finding.expected]),
    [['avrundning', '2022-12-31', '-2 253 tkr']],
  );
  t.false(result.differs);
});

test('the same sum one off in exact kronor is an avvikelse', (t) => {
  const statement = twoYearStatement('kassaflödesanalys', 2022, {
    'årets-resultat': ['-2 091', '-1 138'],
    'årets-kassaflöde': { sumOf: ['årets-resultat'], amounts: ['-2 092', '-1 138'] },
  });
  const result = reconcileReport({ förbund: 'F', år: 2022, enhet: 'kr', statements: [statement] });
  t.deepEqual(ids(result.findings), [
    'summa: 2022 kassaflödesanalys/årets-kassaflöde [2022-12-31]',
  ]);
  t.true(result.differs);
});

test('a balansräkning whose sides differ, and a kassaflödesanalys change that is not the balansräkning’s', (t) => {
  const report = consistentReport();
  const balans = report.statements[1]!;
  const changed = {
    ...balans,
    rows: balans.rows.map((row) =>
      row.key === 'kundfordringar'
        ? { ...row, amounts: ['110 000', '150 000'] }
        : row.key === 'summa-tillgångar'
          ? { ...row, amounts: ['610 000', '450 000'] }
          : row,
    ),
  };
  const result = reconcileReport(withStatement(report, changed));
  t.deepEqual(ids(result.findings), [
    'balansräkning: 2021 balansräkning/summa-eget-kapital-och-skulder [2021-12-31]',
    'mellan-rapporter: 2021 kassaflödesanalys/förändring-kortfristiga-fordringar [2021-12-31]',
  ]);
  const cashFlow = result.findings[1]!;
  t.is(cashFlow.printed, '50 000 kr');
  t.is(cashFlow.expected, '40 000 kr');
  t.is(
    cashFlow.arithmetic,
    'Balansräkning kundfordringar [2020-12-31] 150 000 kr − Balansräkning kundfordringar 110 000 kr = 40 000 kr, printed 50 000 kr',
  );
});

test('a comparison column is checked against the report of its year', (t) => {
  const earlier: PrintedReport = {
    förbund: 'F',
    år: 2020,
    enhet: 'kr',
    statements: [
      twoYearStatement('balansräkning', 2020, {
        'årets-resultat': ['-50 000', null],
        'övrigt-eget-kapital': ['450 000', null],
      }),
    ],
  };
  const result = reconcileReport(consistentReport(), undefined, { others: [earlier] });
  t.deepEqual(ids(result.findings), [
    'jämförelsekolumn: 2021 balansräkning/övrigt-eget-kapital [2020-12-31]',
  ]);
  t.is(result.findings[0]!.printed, '400 000 kr');
  t.is(result.findings[0]!.expected, '450 000 kr');
});

test('the year before comes from the report of that year where this one does not print it', (t) => {
  const balans = (år: number, kundfordringar: string, kassa: string) =>
    twoYearStatement('balansräkning', år, {
      kundfordringar: [kundfordringar, null],
      'kassa-och-bank': [kassa, null],
    });
  const earlier: PrintedReport = {
    förbund: 'F',
    år: 2021,
    enhet: 'kr',
    statements: [balans(2021, '150 000', '300 000')],
  };
  const later: PrintedReport = {
    förbund: 'F',
    år: 2022,
    enhet: 'tkr',
    statements: [
      balans(2022, '100', '500'),
      twoYearStatement('kassaflödesanalys', 2022, {
        'förändring-kortfristiga-fordringar': ['60', null],
        'likvida-medel-vid-årets-början': ['300', null],
      }),
    ],
  };
  t.deepEqual(ids(reconcileReport(later).findings), []);
  const result = reconcileReport(later, undefined, { others: [earlier] });
  t.deepEqual(ids(result.findings), [
    'mellan-rapporter: 2022 kassaflödesanalys/förändring-kortfristiga-fordringar [2022-12-31]',
  ]);
  t.is(
    result.findings[0]!.arithmetic,
    'Balansräkning kundfordringar [2021-12-31] (årsredovisning 2021) 150 000 kr − Balansräkning kundfordringar 100 tkr = 50 000 kr → 50 tkr, printed 60 tkr',
  );
});

test('a flerårsöversikt in mkr is checked against the resultaträkning in kr: truncation is found, rounding is not', (t) => {
  const report: PrintedReport = {
    förbund: 'F',
    år: 2019,
    enhet: 'kr',
    statements: [
      twoYearStatement('resultaträkning', 2019, {
        'verksamhetens-intäkter': ['8 675 276', '4 680 000'],
      }),
      {
        ...twoYearStatement('flerårsöversikt', 2019, {
          'verksamhetens-intäkter': ['8,67', '4,68'],
        }),
        enhet: 'mkr',
      },
    ],
  };
  const [finding, ...more] = reconcileReport(report).findings;
  t.deepEqual(more, []);
  t.is(finding!.expected, '8,68 mkr');
  t.is(
    finding!.arithmetic,
    'Resultaträkning verksamhetens-intäkter 8 675 276 kr = 8 675 276 kr → 8,68 mkr, printed 8,67 mkr',
  );
});

test('an avvikelse column is checked as the difference of the columns it names', (t) => {
  const statement: PrintedStatement = {
    statement: 'not2',
    columns: [
      { key: 'utfall', label: 'Utfall', år: 2022, kind: 'utfall' },
      { key: 'budget', label: 'Budget', år: 2022, kind: 'budget' },
      {
        key: 'avvikelse',
        label: 'Avvikelse',
        år: 2022,
        kind: 'avvikelse',
        differenceOf: ['budget', 'utfall'],
      },
    ],
    rows: [{ key: 'post:operativa|Team', label: 'Team', amounts: ['117', '200', '-83'] }],
  };
  const result = reconcileReport({ förbund: 'F', år: 2022, enhet: 'tkr', statements: [statement] });
  t.deepEqual(
    result.findings.map((finding) => [
      finding.check,
      finding.printed,
      finding.expected,
      finding.arithmetic,
    ]),
    [
      [
        'avvikelse',
        '-83 tkr',
        '83 tkr',
        'Team [Budget] 200 tkr − Team [Utfall] 117 tkr = 83 tkr, printed -83 tkr',
      ],
    ],
  );
});

test('participant tables: counts against the total, percentages against the counts, percentages alone against any counts', (t) => {
  const result = reconcileReport({
    förbund: 'F',
    år: 2020,
    enhet: 'kr',
    statements: [],
    deltagare: [
      {
        insats: 'MIA',
        rubrik: 'Anvisade från',
        columns: ['Kvinnor', 'Män'],
        rows: [
          { label: 'Arbetsförmedlingen', antal: [14, 6], andel: [13, 8] },
          { label: 'Kommunen', antal: [97, 80], andel: [87, 93] },
        ],
        totalt: { label: 'Totalt', antal: [111, 87] },
      },
      {
        insats: 'MIA',
        rubrik: 'Ålder',
        columns: ['Kvinnor', 'Samtliga'],
        rows: [
          { label: '16-29 år', andel: [27, 29] },
          { label: '30-44 år', andel: [38, 37] },
          { label: '45-65', andel: [36, 34] },
        ],
        totalt: { label: 'Antal', antal: [111, 200] },
      },
    ],
  });
  t.deepEqual(
    result.findings.map((finding) => [
      finding.check,
      finding.row,
      finding.column,
      finding.arithmetic,
    ]),
    [
      ['deltagare-summa', 'Totalt', 'Män', '6 + 80 = 86, printed 87'],
      ['deltagare-andel', 'Arbetsförmedlingen', 'Män', '6 / 87 = 6.90 % → 7 %, printed 8 %'],
      ['deltagare-andel', 'Kommunen', 'Män', '80 / 87 = 91.95 % → 92 %, printed 93 %'],
      [
        'deltagare-andel',
        'Antal',
        'Kvinnor',
        'the counts that round to 27, 38, 36 % of 111 add up to 112, not 111',
      ],
    ],
  );
});

test('a printed report is refused with the field and the rule: a figure not as printed, a figure missing, a sumOf naming no row', (t) => {
  const report = consistentReport();
  const [first, ...rest] = report.statements;
  const broken = {
    ...report,
    statements: [
      {
        ...first!,
        rows: [
          { key: 'a', label: 'A', amounts: ['1.000.000', '1'] },
          { key: 'b', label: 'B', amounts: ['1'] },
          { key: 'c', label: 'C', sumOf: ['a', '-x'], amounts: ['1', '1'] },
        ],
      },
      ...rest,
    ],
  };
  const parsed = parsePrintedReport(broken);
  t.true(E.isLeft(parsed));
  if (E.isRight(parsed)) return;
  t.is(parsed.left.code, 'VALIDATION_FAILED');
  t.deepEqual(
    parsed.left.issues.map((issue) => [issue.path, issue.rule]),
    [
      ['statements.0.rows.0.amounts.0', 'invalid_format'],
      ['statements.0.rows.1.amounts', 'one-figure-per-column'],
      ['statements.0.rows.2.sumOf.1', 'known-row'],
    ],
  );
  t.true(E.isRight(parsePrintedReport(consistentReport())));
});

test('a figure typed as a JSON number is refused with what to type instead', (t) => {
  const report = consistentReport();
  const [first, ...rest] = report.statements;
  const row = first!.rows[0]!;
  const typedAsNumber = {
    ...report,
    statements: [{ ...first!, rows: [{ ...row, amounts: [200060, null] }] }, ...rest],
  };
  const parsed = parsePrintedReport(typedAsNumber);
  if (E.isRight(parsed)) return t.fail('a number was accepted as a printed figure');
  t.deepEqual(
    parsed.left.issues.map((issue) => [issue.path, issue.rule, issue.message]),
    [
      [
        'statements.0.rows.0.amounts.0',
        'invalid_type',
        'statements.0.rows.0.amounts.0: must be the figure as printed in quotes, e.g. "9 561 772", or null for an empty cell',
      ],
    ],
  );
});

test('the published JSON Schema is the one the zod schema generates (run pnpm run docs:printed-report-schema)', (t) => {
  const published = readFileSync(
    new URL('../../printed-report.schema.json', import.meta.url),
    'utf8',
  );
  t.is(published, printedReportJsonSchemaText());
});
