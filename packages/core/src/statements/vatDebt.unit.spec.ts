import test from 'ava';
import { ledgerWith, type Step } from '../bookkeeping/ledgerSteps.testScenario.js';
import { replayReportExplanation } from '../drilldown/explainReport.js';
import type { PrintedReport, PrintedStatement } from '../reconcile/PrintedReport.js';
import { reconcileReport } from '../reconcile/reconcileReport.js';
import type { AnnualReport } from './annualReport.js';
import { replayHuvudbok } from './Huvudbok.js';
import { renderHuvudbokText } from './renderHuvudbok.js';
import { rowOf, type Statement } from './Statement.js';
import { vatDebtNetted2022, vatDebtYear2021 } from '../testing/vatDebtScenario.js';
import { vatDebtAtEndOf } from './vatDebt.js';

/**
 * A year that ends with a VAT debt (a cost with VAT, all the VAT refunded, then the supplier's
 * credit note of 2 000 + 500 moms: the förbund owes the 500 back to Skatteverket), and the next
 * year, whose cost with 1 000 VAT brings the VAT account back to a receivable of 500.
 */
const yearWithVatDebt: readonly Step[] = vatDebtYear2021;
const nextYear: readonly Step[] = vatDebtNetted2022;

const amountsOf = (statement: Statement, key: string) =>
  rowOf(statement, key).amounts.map((amount) => amount?.toString() ?? null);
const keysOf = (statement: Statement) => statement.rows.map((row) => row.key);

/** The ledger's own statements as a report printed in exact kronor, for `reconcileReport`. */
function printedFrom(report: AnnualReport): PrintedReport {
  const printed = (
    name: PrintedStatement['statement'],
    statement: Statement,
  ): PrintedStatement => ({
    statement: name,
    columns: statement.columns.map((column) => ({
      key: String(column.year),
      label: column.label,
      år: column.year,
      kind: 'utfall',
    })),
    rows: statement.rows
      .filter((row) => row.kind !== 'heading')
      .map((row) => ({
        key: row.key,
        label: row.label,
        amounts: row.amounts.map((amount) => amount?.toString().replace('.', ',') ?? null),
      })),
  });
  return {
    förbund: 'Samordningsförbundet Momsbacken',
    år: report.år,
    enhet: 'kr',
    statements: [
      printed('resultaträkning', report.resultaträkning),
      printed('balansräkning', report.balansräkning),
      printed('kassaflödesanalys', report.kassaflödesanalys),
      printed('not3', report.not3),
      printed('not4', report.not4),
    ],
  } as PrintedReport;
}

test('a year ending with a VAT debt: the balansräkning shows it under övriga kortfristiga skulder, not as a negative övriga fordringar, and balances', async (t) => {
  const { ledger } = await ledgerWith(yearWithVatDebt);
  const { balansräkning } = await ledger.statements(2021);
  t.is(vatDebtAtEndOf(await ledger.totals(), 2021).toString(), '500.00');
  // Bank 100 000 − 12 500 + 2 500 + 2 500; the VAT account at −500 is a debt.
  t.deepEqual(amountsOf(balansräkning, 'övriga-fordringar'), ['0.00', null]);
  t.deepEqual(amountsOf(balansräkning, 'kassa-och-bank'), ['92500.00', null]);
  t.deepEqual(amountsOf(balansräkning, 'summa-tillgångar'), ['92500.00', null]);
  t.deepEqual(amountsOf(balansräkning, 'övriga-kortfristiga-skulder'), ['500.00', null]);
  t.deepEqual(amountsOf(balansräkning, 'årets-resultat'), ['-8000.00', null]);
  t.deepEqual(amountsOf(balansräkning, 'summa-eget-kapital-och-skulder'), ['92500.00', null]);
});

test('Not 3 has no momsfordran row for a VAT debt; Not 4 has a momsskuld row of 500, its summa the balansräkning’s line', async (t) => {
  const { ledger } = await ledgerWith(yearWithVatDebt);
  const { not3, not4 } = await ledger.annualReport(2021);
  t.false(keysOf(not3).includes('momsfordran'));
  t.false(not3.rows.some((row) => row.amounts.some((amount) => amount?.isNegative())));
  t.deepEqual(
    not4.rows.map((row) => [row.key, row.label, row.amounts[0]?.toString() ?? null]),
    [
      ['rubrik:övriga-kortfristiga-skulder', 'Övriga kortfristiga skulder', null],
      ['momsskuld', 'Momsskuld', '500.00'],
      ['summa:övriga-kortfristiga-skulder', 'Summa övriga kortfristiga skulder', '500.00'],
    ],
  );
});

test('the kassaflödesanalys moves the VAT debt from receivables to short-term debts and still ends with the bank', async (t) => {
  const { ledger } = await ledgerWith(yearWithVatDebt);
  const { kassaflödesanalys } = await ledger.statements(2021);
  t.deepEqual(amountsOf(kassaflödesanalys, 'årets-resultat'), ['-8000.00', null]);
  t.deepEqual(amountsOf(kassaflödesanalys, 'förändring-kortfristiga-fordringar'), ['0.00', null]);
  t.deepEqual(amountsOf(kassaflödesanalys, 'förändring-kortfristiga-skulder'), ['500.00', null]);
  t.deepEqual(amountsOf(kassaflödesanalys, 'kassaflöde-löpande-verksamhet'), ['-7500.00', null]);
  t.deepEqual(amountsOf(kassaflödesanalys, 'likvida-medel-vid-årets-början'), ['100000.00', null]);
  t.deepEqual(amountsOf(kassaflödesanalys, 'likvida-medel-vid-årets-slut'), ['92500.00', null]);
});

test('reconciling the year’s own report finds nothing: the relations between statements and notes hold with a VAT debt', async (t) => {
  const { ledger } = await ledgerWith(yearWithVatDebt);
  const report = await ledger.annualReport(2021);
  const result = reconcileReport(printedFrom(report), report);
  t.deepEqual(
    result.findings.map((finding) => `${finding.check} ${finding.statement}/${finding.rowKey}`),
    [],
  );
  t.false(result.differs);
  t.true((result.ledger?.compared ?? 0) > 20, 'the figures were compared with the ledger');
});

test('the huvudbok gives the balansräkning’s figures and names the VAT debt it moves', async (t) => {
  const { store, ledger } = await ledgerWith(yearWithVatDebt);
  const book = await replayHuvudbok(store.readStream(ledger.streamId), 2021);
  const check = (rad: string) => book.kontroller.find((kontroll) => kontroll.rad === rad);
  t.is(book.konton.find((konto) => konto.konto === '1650')?.utgåendeBalans.toString(), '-500.00');
  t.is(check('balansräkning/övriga-fordringar')?.enligtÅrsredovisning.toString(), '0.00');
  t.is(check('balansräkning/övriga-fordringar')?.enligtHuvudbok.toString(), '0.00');
  t.is(check('balansräkning/övriga-fordringar')?.omförd?.belopp.toString(), '500.00');
  t.is(check('balansräkning/övriga-kortfristiga-skulder')?.enligtHuvudbok.toString(), '500.00');
  t.is(check('balansräkning/kassa-och-bank')?.omförd, undefined);
  t.regex(
    renderHuvudbokText(book),
    /balansräkning\/övriga-fordringar: 500,00 omförd: 1650 Momsfordran har ett negativt saldo, en momsskuld till Skatteverket, visad under övriga kortfristiga skulder/,
  );
});

test('the next year: costs with VAT bring the account back to a receivable, and the debt is the comparison column', async (t) => {
  const { ledger } = await ledgerWith([...yearWithVatDebt, ...nextYear]);
  const report = await ledger.annualReport(2022);
  const { balansräkning, kassaflödesanalys, not3, not4 } = report;
  t.is(vatDebtAtEndOf(await ledger.totals(), 2022).toString(), '0.00');
  t.deepEqual(amountsOf(balansräkning, 'övriga-fordringar'), ['500.00', '0.00']);
  t.deepEqual(amountsOf(balansräkning, 'övriga-kortfristiga-skulder'), ['0.00', '500.00']);
  t.deepEqual(amountsOf(balansräkning, 'kassa-och-bank'), ['87500.00', '92500.00']);
  // Receivables 0 → 500 ties up 500; the debt 500 → 0 was paid: 500 more.
  t.deepEqual(amountsOf(kassaflödesanalys, 'förändring-kortfristiga-fordringar')[0], '-500.00');
  t.deepEqual(amountsOf(kassaflödesanalys, 'förändring-kortfristiga-skulder')[0], '-500.00');
  t.deepEqual(amountsOf(kassaflödesanalys, 'likvida-medel-vid-årets-slut')[0], '87500.00');
  t.deepEqual(amountsOf(not3, 'momsfordran'), ['500.00']);
  t.false(keysOf(not4).includes('momsskuld'));
  const result = reconcileReport(printedFrom(report), report);
  t.deepEqual(
    result.findings.map((finding) => `${finding.check} ${finding.statement}/${finding.rowKey}`),
    [],
  );
});

test('explaining the year: the VAT debt in övriga kortfristiga skulder is the credit note’s, and every row’s parts still add up', async (t) => {
  const { store, ledger } = await ledgerWith(yearWithVatDebt);
  const explained = await replayReportExplanation(store.readStream(ledger.streamId), 2021, {
    parts: ['balansräkning', 'not3', 'not4'],
  });
  const parts = (cell: string) =>
    (explained.rows.get(cell)?.[0]?.contributions ?? []).map((part) => [
      part.eventType,
      part.amount.toString(),
    ]);
  t.deepEqual(parts('balansräkning/övriga-kortfristiga-skulder'), [
    ['KostnadKrediterad', '500.00'],
  ]);
  t.deepEqual(parts('not4/momsskuld'), [['KostnadKrediterad', '500.00']]);
  // 2 500 receivable from the cost, refunded: nothing left, nothing negative.
  t.deepEqual(parts('balansräkning/övriga-fordringar'), [
    ['KostnadBokförd', '2500.00'],
    ['MomsÅterbetald', '-2500.00'],
  ]);
});
