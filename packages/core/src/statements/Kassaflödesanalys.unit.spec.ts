import test from 'ava';
import { createLedger } from '../facade/createLedger.js';
import { checkpointingMemoryStore } from '../checkpoints/memoryCheckpointStorage.testSupport.js';
import { replayAnnualReportFromStore } from '../checkpoints/foldAnnualReport.js';
import type { CheckpointNotice } from '../checkpoints/checkpointShelf.js';
import { ok } from '../checkpoints/ok.testSupport.js';
import { rowOf, type Statement } from './Statement.js';

/**
 * The kassaflödesanalys of eget kapital moved against the bank: imported books (a company's
 * utdelning, in Visma's and SIE's own example files) pay equity out in cash. That is financing,
 * not an adjustment for items that move no cash; equity left owed is neither.
 */

const metadata = { recordedAt: '2022-03-01T08:00:00.000Z', recordedBy: 'Ekonom' };
const streamId = 'bokforing-kf';
const källa = (nummer: string) => ({ filHash: 'c'.repeat(64), serie: 'A', nummer });

/** 2021 opened with 1 000 000 in the bank and in eget kapital, and `rows` imported. */
async function booksWith(imported: readonly { text: string; rader: [string, string][] }[]) {
  const store = checkpointingMemoryStore();
  const ledger = createLedger({ store, förbundId: 'kf' });
  await ok(
    ledger.record(
      'IngåendeBalansRegistrerad',
      {
        datum: '2021-01-01',
        text: 'IB 2021',
        kassaOchBank: '1000000.00',
        momsfordran: '0.00',
        balanseratResultat: '1000000.00',
        öppnaPoster: [],
      },
      { metadata },
    ),
  );
  for (const [index, { text, rader }] of imported.entries())
    await ok(
      ledger.record(
        'VerifikationImporterad',
        {
          datum: '2021-04-14',
          text,
          källa: källa(String(index + 1)),
          rader: rader.map(([konto, belopp]) => ({ konto, belopp })),
        },
        { metadata },
      ),
    );
  return { store, ledger };
}

const amountsOf = (statement: Statement, key: string) =>
  rowOf(statement, key).amounts.map((amount) => amount?.toString() ?? null);
/** The 2021 column of a row, or undefined when the statement leaves the row out. */
const figure = (statement: Statement, key: string) =>
  statement.rows.find((row) => row.key === key)?.amounts[0]?.toString();

const utdelning = {
  text: 'Utdelning',
  rader: [
    ['2091', '500000.00'],
    ['1930', '-500000.00'],
  ] as [string, string][],
};
/** 300 decided, 100 paid now and 200 owed. */
const partlyPaid = {
  text: 'Återbetalning till medlem, delvis skuld',
  rader: [
    ['2091', '300.00'],
    ['1930', '-100.00'],
    ['2890', '-200.00'],
  ] as [string, string][],
};
const broughtIn = {
  text: 'Tillskott',
  rader: [
    ['1930', '50.00'],
    ['2091', '-50.00'],
  ] as [string, string][],
};

test('given an utdelning paid from the bank, when the year is reported, then it is financing and no adjustment', async (t) => {
  const { ledger } = await booksWith([utdelning]);
  const { kassaflödesanalys, balansräkning } = await ledger.statements(2021);
  t.is(figure(kassaflödesanalys, 'kassaflöde-finansieringsverksamhet'), '-500000.00');
  t.is(figure(kassaflödesanalys, 'justering-ej-likviditetspåverkande-poster'), '0.00');
  t.is(figure(kassaflödesanalys, 'kassaflöde-löpande-verksamhet'), '0.00');
  t.is(figure(kassaflödesanalys, 'årets-kassaflöde'), '-500000.00');
  t.deepEqual(
    amountsOf(kassaflödesanalys, 'likvida-medel-vid-årets-slut'),
    amountsOf(balansräkning, 'kassa-och-bank'),
  );
});

test('given equity paid partly in cash, partly owed, and equity brought in, when reported, then only the cash is financing', async (t) => {
  const { ledger } = await booksWith([partlyPaid, broughtIn]);
  const { kassaflödesanalys, balansräkning } = await ledger.statements(2021);
  // Paid 100 out, brought 50 in; the 200 owed lowered equity without cash, and the same
  // 200 is the increase in short-term debt: the two cancel in the löpande verksamhet.
  t.is(figure(kassaflödesanalys, 'kassaflöde-finansieringsverksamhet'), '-50.00');
  t.is(figure(kassaflödesanalys, 'justering-ej-likviditetspåverkande-poster'), '-200.00');
  t.is(figure(kassaflödesanalys, 'förändring-kortfristiga-skulder'), '200.00');
  t.is(figure(kassaflödesanalys, 'kassaflöde-löpande-verksamhet'), '0.00');
  t.is(figure(balansräkning, 'kassa-och-bank'), '999950.00');
  t.deepEqual(
    amountsOf(kassaflödesanalys, 'likvida-medel-vid-årets-slut'),
    amountsOf(balansräkning, 'kassa-och-bank'),
  );
});

test('given a closed year with an utdelning, when the next year is reported from its checkpoint, then the comparison column still shows it as financing', async (t) => {
  const { store, ledger } = await booksWith([utdelning, partlyPaid]);
  await ok(ledger.closeYear(2021, '2022-02-15', { metadata }));
  await store.idle();
  const first = await replayAnnualReportFromStore(store, streamId, 2022);
  await store.idle();
  const notices: CheckpointNotice[] = [];
  const fromCheckpoint = await replayAnnualReportFromStore(store, streamId, 2022, {
    observe: (notice) => notices.push(notice),
  });
  t.deepEqual(
    notices.map((notice) => notice.kind),
    ['used'],
    'the second report starts from the checkpoint of 2021',
  );
  for (const report of [first, fromCheckpoint])
    t.deepEqual(amountsOf(report.kassaflödesanalys, 'kassaflöde-finansieringsverksamhet'), [
      '0.00',
      '-500100.00',
    ]);
});
