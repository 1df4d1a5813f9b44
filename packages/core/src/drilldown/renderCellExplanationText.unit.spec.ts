import test from 'ava';
import { formatMoney } from '../money/formatMoney.js';
import { drilldownScenario } from '../statements/drilldownScenario.testScenario.js';
import { replayReportExplanation } from './explainReport.js';
import { renderCellExplanationText } from './renderCellExplanationText.js';

// Given the drill-down scenario's books of 2020 and 2021, when a figure of 2021 is printed with
// the years before summed, then its verifikationer of 2020 are one ingående balans line, which is
// the 2020 figure of the same row; open items are listed whatever their year.

const explained = async () => {
  const { store, ledger } = await drilldownScenario();
  return {
    of2020: await replayReportExplanation(store.readStream(ledger.streamId), 2020),
    of2021: await replayReportExplanation(store.readStream(ledger.streamId), 2021),
  };
};

const bodyLines = (text: string) => text.split('\n').slice(5, -1);

test('summed: the bank of 2021 opens with one line, the bank of 2020; its own verifikationer follow', async (t) => {
  const { of2020, of2021 } = await explained();
  const bank = of2021.rows.get('balansräkning/kassa-och-bank')![0]!;
  const closing2020 = of2020.rows.get('balansräkning/kassa-och-bank')![0]!.amount!;
  const listed = renderCellExplanationText(bank);
  const summed = renderCellExplanationText(bank, { earlierYears: 'summed' });
  const earlier = bank.contributions.filter((contribution) => contribution.datum < '2021-01-01');
  t.is(earlier.length, 5);
  t.is(bodyLines(listed).length, bank.contributions.length);
  t.is(bodyLines(summed).length, bank.contributions.length - earlier.length + 1);
  t.regex(
    bodyLines(summed)[0]!,
    new RegExp(
      `^ingående balans\\s+-\\s+2021-01-01\\s+-\\s+-\\s+Ingående balans: summan av 5 verifikationer 2020\\s+${formatMoney(closing2020, 'kr', 2)}$`,
    ),
  );
  t.false(bodyLines(summed).some((line) => /^verifikation\s+2020-/.test(line)));
  t.regex(
    summed.split('\n').at(-1)!,
    new RegExp(`^Summa\\s+6 delar\\s+${formatMoney(bank.amount!, 'kr', 2)}$`),
  );
});

test('summed: the open items of Not 4 opened in 2020 are still listed one by one', async (t) => {
  const { of2021 } = await explained();
  const item = of2021.rows.get('not4/post:L-3')![0]!;
  t.deepEqual(
    renderCellExplanationText(item, { earlierYears: 'summed' }),
    renderCellExplanationText(item),
  );
});

test('an imported verifikation is followed by where it is in the old system; others are not', async (t) => {
  const { of2021 } = await explained();
  const bank = of2021.rows.get('balansräkning/kassa-och-bank')![0]!;
  const [first, ...rest] = bank.contributions;
  const importeradFrån = {
    serie: 'B',
    nummer: '69',
    filHash: 'a'.repeat(64),
    registrerad: '2021-02-13',
    signatur: 'SE',
  };
  const text = renderCellExplanationText({
    ...bank,
    contributions: [{ ...first!, importeradFrån }, ...rest],
  });
  const lines = bodyLines(text);
  t.is(lines.length, bank.contributions.length + 1);
  t.regex(lines[0]!, /^verifikation /);
  t.is(
    lines[1],
    `  Källa verifikation B 69 i SIE-fil ${'a'.repeat(12)}, registrerad där 2021-02-13 av SE`,
  );
  t.false(lines.slice(2).some((line) => line.startsWith('  Källa')));
});
