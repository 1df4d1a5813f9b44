import anyTest, { type TestFn } from 'ava';
import { readFileSync } from 'node:fs';
import { readmeReconcileBlock, reconcileBlock, runRoslagenReconcile } from './roslagenReconcile.js';

// `finsam reconcile` on both Roslagen reports and the committed store: the README's generated
// block is its output, and every numbered discrepancy of the README is mapped to the findings
// that show it, or says why it is not a printed figure reconcile can find.

const test = anyTest.serial as TestFn<{ run: Awaited<ReturnType<typeof runRoslagenReconcile>> }>;
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const participants = readFileSync(new URL('../../PARTICIPANTS.md', import.meta.url), 'utf8');

/**
 * Each discrepancy of examples/roslagen/README.md (by its number) and the findings of
 * `finsam reconcile` that show it (as the output heads them after the severity), or why
 * reconcile cannot find it: those are not figures of the printed statements.
 */
const discrepancies: Readonly<Record<number, readonly string[] | { notFound: string }>> = {
  1: [
    'summa: 2020 resultaträkning/årets-resultat [2019-12-31]',
    'mellan-rapporter: 2020 balansräkning/årets-resultat [2019-12-31]',
    'mellan-rapporter: 2020 kassaflödesanalys/årets-resultat [2019-12-31]',
    'bokföring: 2020 resultaträkning/årets-resultat [2019-12-31]',
  ],
  2: [
    'balansräkning: 2020 balansräkning/summa-eget-kapital-och-skulder [2019-12-31]',
    'bokföring: 2020 balansräkning/summa-eget-kapital-och-skulder [2019-12-31]',
  ],
  3: [
    'mellan-rapporter: 2020 kassaflödesanalys/förändring-kortfristiga-skulder [2020-12-31]',
    'bokföring: 2020 balansräkning/upplupna-kostnader [2019-12-31]',
  ],
  4: ['mellan-rapporter: 2020 not1/summa [2020-12-31]', 'bokföring: 2020 not1/summa [2020-12-31]'],
  5: [
    'summa: 2020 not1/summa [2019-12-31]',
    'mellan-rapporter: 2020 not1/summa [2019-12-31]',
    'bokföring: 2020 not1/summa [2019-12-31]',
  ],
  6: [
    'summa: 2020 not2/post:operativa|In-remitterande teamet [Utfall 2020-12-31]',
    'avvikelse: 2020 not2/post:operativa|In-remitterande teamet [Avvikelse]',
    'summa: 2020 not2/summa:operativa [Utfall 2020-12-31]',
    'bokföring: 2020 not2/post:operativa|In-remitterande teamet [Utfall 2020-12-31]',
  ],
  7: [
    'summa: 2020 not2/summa [Utfall 2020-12-31]',
    'mellan-rapporter: 2020 not2/summa [Utfall 2020-12-31]',
    'mellan-rapporter: 2020 driftredovisning/nettokostnad [Utfall Jan-dec 2020]',
    'bokföring: 2020 not2/summa:strukturpåverkande [Utfall 2020-12-31]',
    'bokföring: 2020 not2/summa:strukturpåverkande [Avvikelse]',
    'bokföring: 2020 not2/summa:operativa [Utfall 2020-12-31]',
    'bokföring: 2020 not2/summa:operativa [Avvikelse]',
    'bokföring: 2020 not2/summa [Utfall 2020-12-31]',
    'bokföring: 2020 not2/summa [Avvikelse]',
  ],
  8: [
    'summa: 2020 not2/summa:administrativa [2019-12-31]',
    'summa: 2020 not2/summa:strukturpåverkande [2019-12-31]',
    'summa: 2020 not2/summa:operativa [2019-12-31]',
  ],
  9: [
    'mellan-rapporter: 2020 driftredovisning/resultat [Utfall Jan-dec 2020]',
    'bokföring: 2020 driftredovisning/resultat [Utfall Jan-dec 2020]',
    'bokföring: 2020 driftredovisning/extern-finansiering [Utfall Jan-dec 2020]',
    'bokföring: 2020 driftredovisning/extern-finansiering [Avvikelse Utfall – budget]',
  ],
  10: [
    'mellan-rapporter: 2020 driftredovisning/nettokostnad [Aktuell Budget Jan-dec 2020]',
    'bokföring: 2020 driftredovisning/nettokostnad [Aktuell Budget Jan-dec 2020]',
    'bokföring: 2020 driftredovisning/nettokostnad [Avvikelse Utfall – budget]',
    'bokföring: 2020 driftredovisning/resultat [Aktuell Budget Jan-dec 2020]',
    'bokföring: 2020 driftredovisning/resultat [Avvikelse Utfall – budget]',
  ],
  11: ['summa: 2020 driftredovisning/resultat [Utfall Jan-dec 2019]'],
  12: [
    'mellan-rapporter: 2020 flerårsöversikt/verksamhetens-intäkter [2019]',
    'mellan-rapporter: 2020 flerårsöversikt/verksamhetens-kostnader [2019]',
    'summa: 2020 flerårsöversikt/årets-resultat [2019]',
    'bokföring: 2020 flerårsöversikt/verksamhetens-intäkter [2019]',
    'bokföring: 2020 flerårsöversikt/verksamhetens-kostnader [2019]',
    'mellan-rapporter: 2022 flerårsöversikt/verksamhetens-intäkter [2019]',
    'mellan-rapporter: 2022 flerårsöversikt/verksamhetens-kostnader [2019]',
    'summa: 2022 flerårsöversikt/årets-resultat [2019]',
    'bokföring: 2022 flerårsöversikt/verksamhetens-intäkter [2019]',
    'bokföring: 2022 flerårsöversikt/verksamhetens-kostnader [2019]',
  ],
  13: [
    'summa: 2020 flerårsöversikt/årets-resultat [2018]',
    'summa: 2022 flerårsöversikt/årets-resultat [2018]',
  ],
  14: {
    notFound:
      "which Not 2 line a Not 4 item's cost sits on is not printed; every printed figure of both notes is consistent",
  },
  15: {
    notFound:
      'it is the layout (a bold line that is a line of Övrigt); transcribed as the line it adds up as, every sum holds',
  },
  16: {
    notFound: 'it is the booking of an item in the wrong year; the printed figures are consistent',
  },
  17: { notFound: 'one invoice under two texts in two notes; the printed figures are consistent' },
  18: { notFound: "the headings' wording, not a figure" },
  19: { notFound: 'dates in the text, not a figure' },
  20: ['mellan-rapporter: 2022 balansräkning/övrigt-eget-kapital [2021-12-31]'],
  21: [
    'mellan-rapporter: 2022 kassaflödesanalys/förändring-kortfristiga-fordringar [2021-12-31]',
    'bokföring: 2022 kassaflödesanalys/justering-ej-likviditetspåverkande-poster [2021-12-31]',
    'bokföring: 2022 kassaflödesanalys/medel-före-förändring-av-rörelsekapital [2021-12-31]',
    'bokföring: 2022 kassaflödesanalys/förändring-kortfristiga-fordringar [2021-12-31]',
  ],
  22: [
    'summa: 2022 balansräkning/summa-eget-kapital-och-skulder [2021-12-31]',
    'mellan-rapporter: 2022 kassaflödesanalys/förändring-kortfristiga-skulder [2022-12-31]',
    'mellan-rapporter: 2022 kassaflödesanalys/förändring-kortfristiga-skulder [2021-12-31]',
    'bokföring: 2022 balansräkning/upplupna-kostnader [2021-12-31]',
  ],
  23: [
    'mellan-rapporter: 2022 balansräkning/övrigt-eget-kapital [2022-12-31]',
    'bokföring: 2022 balansräkning/övrigt-eget-kapital [2022-12-31]',
    'mellan-rapporter: 2022 driftredovisning/utgående-eget-kapital [Utfall Jan-dec 2022]',
  ],
  24: ['summa: 2022 kassaflödesanalys/kassaflöde-löpande-verksamhet [2022-12-31]'],
  25: [
    'summa: 2022 not2/summa:administrativa [2021]',
    'bokföring: 2022 not2/post:administrativa|Övrigt [2021]',
  ],
  26: [
    'avvikelse: 2022 not2/post:operativa|Myndighetsgemensamt samverkansteam kostnader utanför projektet MIA [Avvikelse]',
    'avvikelse: 2022 not2/post:operativa|Övriga operativa kostnader [Avvikelse]',
    'summa: 2022 not2/summa:strukturpåverkande [Avvikelse]',
    'avvikelse: 2022 not2/summa:strukturpåverkande [Avvikelse]',
    'summa: 2022 not2/summa:operativa [Avvikelse]',
    'avvikelse: 2022 not2/summa:operativa [Avvikelse]',
    'bokföring: 2022 not2/post:operativa|Myndighetsgemensamt samverkansteam kostnader utanför projektet MIA [Avvikelse]',
    'bokföring: 2022 not2/post:operativa|Övriga operativa kostnader [Avvikelse]',
    'bokföring: 2022 not2/summa:strukturpåverkande [Avvikelse]',
    'bokföring: 2022 not2/summa:operativa [Avvikelse]',
  ],
  27: ['summa: 2022 not2/summa [Budget 2022]', 'bokföring: 2022 not2/summa [Budget 2022]'],
  28: [
    'mellan-rapporter: 2022 driftredovisning/nettokostnad [Budget Jan-dec 2022 (inkl. ändringsbeslut)]',
    'avvikelse: 2022 driftredovisning/nettokostnad [Avvikelse Utfall – budget]',
    'avvikelse: 2022 driftredovisning/utgående-eget-kapital [Avvikelse Utfall – budget]',
    'bokföring: 2022 driftredovisning/nettokostnad [Budget Jan-dec 2022 (inkl. ändringsbeslut)]',
    'bokföring: 2022 driftredovisning/nettokostnad [Avvikelse Utfall – budget]',
    'bokföring: 2022 driftredovisning/resultat [Budget Jan-dec 2022 (inkl. ändringsbeslut)]',
    'bokföring: 2022 driftredovisning/resultat [Avvikelse Utfall – budget]',
    'bokföring: 2022 driftredovisning/utgående-eget-kapital [Budget Jan-dec 2022 (inkl. ändringsbeslut)]',
    'bokföring: 2022 driftredovisning/utgående-eget-kapital [Avvikelse Utfall – budget]',
  ],
  29: [
    'bokföring: 2020 driftredovisning/nettokostnad [Utfall Jan-dec 2020]',
    'summa: 2020 driftredovisning/resultat [Utfall Jan-dec 2019]',
  ],
  30: [
    'mellan-rapporter: 2022 flerårsöversikt/verksamhetens-intäkter [2021]',
    'mellan-rapporter: 2022 flerårsöversikt/verksamhetens-kostnader [2021]',
    'mellan-rapporter: 2022 flerårsöversikt/årets-resultat [2021]',
    'summa: 2022 flerårsöversikt/årets-resultat [2021]',
    'bokföring: 2022 flerårsöversikt/verksamhetens-intäkter [2021]',
    'bokföring: 2022 flerårsöversikt/verksamhetens-kostnader [2021]',
    'bokföring: 2022 flerårsöversikt/årets-resultat [2021]',
  ],
  31: [
    'bokföring: 2020 flerårsöversikt/årets-resultat [2018]',
    'bokföring: 2022 flerårsöversikt/årets-resultat [2018]',
  ],
  32: { notFound: "Bilaga 2's project budget is not a statement of the printed-report format" },
  33: { notFound: 'the text of a Not 3 item, not a figure' },
  34: { notFound: 'the layout (leading dashes); the summa counts the lines as printed and holds' },
  35: {
    notFound:
      "a claim in the text; the ledger's guideline check (`finansiellaRiktlinjer`) finds it, not the printed figures",
  },
  36: { notFound: "the labels' wording; the figures are equal" },
  37: {
    notFound:
      'the ledger holds no 2019 split, so reconcile counts those two printed figures as not compared',
  },
};

/** The numbered entries of the README's discrepancy section, by number. */
function readmeEntries(): Map<number, string> {
  const section = readme.slice(readme.indexOf('## Discrepancies in the printed reports'));
  const entries = new Map<number, string>();
  for (const match of section.matchAll(/^(\d+)\. \*\*[\s\S]*?(?=^\d+\. \*\*|(?![\s\S]))/gmu))
    entries.set(Number(match[1]), match[0]);
  return entries;
}

/** Every finding of the output: its severity and place (`summa: 2020 not1/summa [2019-12-31]`). */
const findingsOf = (stdout: string) =>
  [...stdout.matchAll(/^(avvikelse|avrundning) (\S[^\n]*?\]) /gmu)].map((match) => ({
    severity: match[1]!,
    id: match[2]!,
  }));

test.before(async (t) => {
  t.context.run = await runRoslagenReconcile();
});

test('the README’s generated block is what finsam reconcile prints (run pnpm run example:reconcile)', (t) => {
  const { run } = t.context;
  t.is(run.stderr, '');
  t.is(run.exitCode, 1);
  t.is(readmeReconcileBlock(readme), reconcileBlock(run.stdout));
});

test('every discrepancy of the README is found, or the README and this test say why it cannot be', (t) => {
  const ids = new Set(findingsOf(t.context.run.stdout).map((finding) => finding.id));
  const entries = readmeEntries();
  t.deepEqual(
    [...entries.keys()],
    Array.from({ length: 37 }, (_, index) => index + 1),
  );
  for (const [number, entry] of entries) {
    const expected = discrepancies[number]!;
    const text = entry.replace(/\s+/gu, ' ');
    if (Array.isArray(expected)) {
      for (const id of expected) t.true(ids.has(id), `entry ${number}: ${id} is found`);
      const cited = /Found by `finsam reconcile`: (.*)\.$/u.exec(text.trim())?.[1] ?? '';
      t.deepEqual(
        [...cited.matchAll(/`([^`]*)`/gu)].map((match) => match[1]),
        [...expected],
        `entry ${number} names its findings`,
      );
    } else {
      const reason = (expected as { notFound: string }).notFound;
      t.true(
        text.includes(`Not a printed-figure discrepancy \`finsam reconcile\` can find: ${reason}.`),
        `entry ${number} says why reconcile cannot find it`,
      );
    }
  }
});

test('every avvikelse reconcile finds is one of the README’s discrepancies', (t) => {
  const cited = new Set(
    Object.values(discrepancies).flatMap((value) => (Array.isArray(value) ? value : [])),
  );
  const uncited = findingsOf(t.context.run.stdout)
    .filter((finding) => finding.severity === 'avvikelse' && !cited.has(finding.id))
    .map((finding) => finding.id);
  t.deepEqual(uncited, []);
  t.regex(
    t.context.run.stdout,
    /årsredovisning 2020: 295 printed figures, 44 avvikelser, 7 avrundningar/u,
  );
  t.regex(
    t.context.run.stdout,
    /årsredovisning 2022: 215 printed figures, 45 avvikelser, 8 avrundningar/u,
  );
});

test('the participant tables of Bilaga 1 add up and every percentage follows from its count: no deltagare finding', (t) => {
  t.notRegex(t.context.run.stdout, / deltagare-(summa|andel): /u);
  t.true(participants.includes('It finds **no difference** in them'));
  const entries = participants.slice(
    participants.indexOf('## Discrepancies in the printed figures'),
  );
  t.is(
    entries.match(/Not a printed-table discrepancy `finsam reconcile` can find: /gu)?.length,
    11,
  );
});
