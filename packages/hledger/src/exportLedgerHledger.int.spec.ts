import test from 'ava';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/Either';
import { openFileEventStore } from '@finsam-ledger/adapter-file';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import {
  Money,
  createLedger,
  ledgerOptionsFromConfiguration,
  parseFörbundConfiguration,
  rowOf,
  type EventInput,
  type Ledger,
} from '@finsam-ledger/core';
import { ingåendeBalans2021, vatDebtYear2021 } from '@finsam-ledger/core/testing';
import { exportLedgerHledger } from './exportLedgerHledger.js';
import {
  differencesFromStatement,
  hledgerCheck,
  hledgerFiguresOfJournal,
  accountFiguresOfTotals,
  hledgerBinary,
  hledgerPostingTags,
  type StatementJson,
} from './hledgerReport.testSupport.js';

const example = (path: string) =>
  fileURLToPath(new URL(`../../../examples/roslagen/${path}`, import.meta.url));

async function roslagenLedger(): Promise<Ledger> {
  const configuration = parseFörbundConfiguration(
    JSON.parse(await readFile(example('forbund.json'), 'utf8')),
  );
  if (E.isLeft(configuration)) throw configuration.left;
  const store = await openFileEventStore({
    path: example('data/roslagen.finsam.jsonl'),
    mode: 'read-only',
  })();
  if (E.isLeft(store)) throw store.left;
  return createLedger({
    store: store.right,
    ...ledgerOptionsFromConfiguration(configuration.right),
  });
}

const withoutEquity = (figures: ReadonlyMap<string, Money>, ledger: Ledger) =>
  new Map(
    [...figures].filter(
      ([account, amount]) =>
        ledger.chart.account(account).line !== 'eget-kapital' && !amount.isZero(),
    ),
  );

const asText = (figures: ReadonlyMap<string, Money>) =>
  Object.fromEntries([...figures].sort().map(([account, amount]) => [account, amount.toString()]));

for (const year of [2020, 2021, 2022]) {
  test(`Roslagen ${year}: hledger (${hledgerBinary}) reads the journal to our balansräkning and resultaträkning, account by account, to the öre`, async (t) => {
    const ledger = await roslagenLedger();
    const directory = await mkdtemp(join(tmpdir(), 'finsam-hledger-'));
    t.teardown(() => rm(directory, { recursive: true, force: true }));
    const journal = join(directory, `roslagen-${year}.journal`);
    await writeFile(journal, await exportLedgerHledger(ledger, { year, companyName: 'Roslagen' }));
    await t.notThrowsAsync(
      hledgerCheck(journal, ['--strict', 'ordereddates', 'uniqueleafnames']),
      'accounts and commodities declared, dates in order',
    );
    const figures = await hledgerFiguresOfJournal(journal, ledger.chart);
    const totals = await ledger.totals();
    t.deepEqual(
      asText(withoutEquity(figures.byAccount, ledger)),
      asText(accountFiguresOfTotals(totals, year)),
    );
    const { resultaträkning, balansräkning } = await ledger.statements(year);
    const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as StatementJson;
    t.deepEqual(differencesFromStatement(figures.balansräkning, json(balansräkning)), []);
    t.deepEqual(differencesFromStatement(figures.resultaträkning, json(resultaträkning)), []);
    // Every year of the example is closed: årets resultat stands on 2099 at the year end.
    t.is(
      figures.byAccount.get('2099')!.negated().toString(),
      rowOf(balansräkning, 'årets-resultat').amounts[0]!.toString(),
    );
    t.true(figures.resultaträkning.get('verksamhetens-intäkter')!.isPositive());
  });
}

test('the journal has one transaction per verifikation of the year, its number and event id as tags', async (t) => {
  const ledger = await roslagenLedger();
  const journal = await exportLedgerHledger(ledger, { year: 2021 });
  const verifikationer = [];
  for await (const verifikation of ledger.verifikationer(2021)) verifikationer.push(verifikation);
  const headers = journal.split('\n').filter((line) => /^\d{4}-\d\d-\d\d \* \(/.test(line));
  t.is(headers.length, verifikationer.length + 1, 'and the opening balance first');
  t.regex(headers[0]!, /^2021-01-01 \* \(IB-2021\) Ingående balans 2021 {2}; ingåendeBalans:2021$/);
  for (const verifikation of verifikationer)
    t.true(
      headers.some(
        (line) =>
          line.includes(`(${verifikation.år}-${verifikation.löpnummer}) `) &&
          line.includes(`verifikation:${verifikation.år}-${verifikation.löpnummer},`) &&
          line.includes(`eventId:${verifikation.eventId},`),
      ),
      `${verifikation.år}-${verifikation.löpnummer}`,
    );
  t.regex(journal, /^decimal-mark ,$/m);
  t.regex(journal, /^commodity 1 000,00 SEK$/m);
  t.regex(journal, /^account Tillgångar:Kassa och bank:1930 Bank {2}; type: A, konto:1930$/m);
  t.regex(
    journal,
    /^ {4}Kostnader:Verksamhetens kostnader:4010 .* SEK {2}; område:operativa, post:/m,
  );
});

test("an imported row's own text is its posting's text tag, as hledger reads it (a comma written as a semicolon)", async (t) => {
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'visma' });
  const metadata = { recordedAt: '2021-10-03T08:00:00.000Z', recordedBy: 'ekonom' };
  const opened = await ledger.record(
    'IngåendeBalansRegistrerad',
    {
      datum: '2021-01-01',
      text: 'Ingående balans 2021',
      kassaOchBank: '5000.00',
      momsfordran: '0.00',
      balanseratResultat: '5000.00',
      öppnaPoster: [],
    },
    { metadata },
  )();
  if (E.isLeft(opened)) return t.fail(opened.left.message);
  const imported = await ledger.record(
    'VerifikationImporterad',
    {
      datum: '2021-10-02',
      text: 'Inbetalningsjournal nr 201',
      källa: { filHash: 'a'.repeat(64), serie: 'B', nummer: '67' },
      rader: [
        { konto: '1930', belopp: '1094.00', text: 'Faktnr: 670, Namn: Karl Svensson' },
        { konto: '1790', belopp: '-1094.00' },
      ],
    },
    { metadata },
  )();
  if (E.isLeft(imported)) return t.fail(imported.left.message);
  const directory = await mkdtemp(join(tmpdir(), 'finsam-hledger-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const journal = join(directory, 'visma-2021.journal');
  await writeFile(journal, await exportLedgerHledger(ledger, { year: 2021 }));
  const tags = await hledgerPostingTags(journal);
  // hledger ends a tag value at a comma: the text's comma is written as a semicolon.
  t.true(
    tags.some((posting) =>
      posting.some(
        ([name, value]) => name === 'text' && value === 'Faktnr: 670; Namn: Karl Svensson',
      ),
    ),
  );
  t.is(tags.filter((posting) => posting.some(([name]) => name === 'text')).length, 1);
});

test(`a supplier's credit notes (KostnadKrediterad): hledger (${hledgerBinary}) reads the journal to our statements, the credited cost and VAT netted`, async (t) => {
  const metadata = { recordedAt: '2021-06-01T10:00:00.000Z', recordedBy: 'Ekonom' };
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'kredit' });
  const steps = [
    ledger.record('IngåendeBalansRegistrerad', ingåendeBalans2021, { metadata }),
    ledger.record(
      'KostnadBokförd',
      {
        datum: '2021-03-10',
        område: 'operativa',
        post: 'Insatser',
        belopp: '10000.00',
        moms: '2500.00',
        text: 'Utbildning coacher, faktura 4711',
        betalning: { sätt: 'leverantörsskuld', postId: 'LF-2021-4711' },
      },
      { metadata },
    ),
    ledger.record(
      'KostnadKrediterad',
      {
        datum: '2021-03-20',
        område: 'operativa',
        post: 'Insatser',
        belopp: '2000.00',
        moms: '500.00',
        text: 'Kreditfaktura 4711-K1',
        reglering: { sätt: 'leverantörsskuld', postId: 'LF-2021-4711' },
      },
      { metadata },
    ),
    ledger.record(
      'KostnadKrediterad',
      {
        datum: '2021-03-30',
        område: 'administrativa',
        post: 'Kansli',
        belopp: '1000.00',
        text: 'Rabatt, återbetald',
        reglering: { sätt: 'bank' },
      },
      { metadata },
    ),
  ];
  for (const step of steps) {
    const recorded = await step();
    if (E.isLeft(recorded)) return t.fail(recorded.left.message);
  }
  const directory = await mkdtemp(join(tmpdir(), 'finsam-hledger-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const journal = join(directory, 'kredit-2021.journal');
  await writeFile(journal, await exportLedgerHledger(ledger, { year: 2021 }));
  await t.notThrowsAsync(hledgerCheck(journal, ['--strict', 'ordereddates']));
  const figures = await hledgerFiguresOfJournal(journal, ledger.chart);
  t.like(asText(figures.byAccount), {
    '4010': '8000.00',
    '6010': '-1000.00',
    '1650': '2000.00',
    '1930': '101000.00',
    '2440': '-10000.00',
  });
  const { resultaträkning, balansräkning } = await ledger.statements(2021);
  const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as StatementJson;
  t.deepEqual(differencesFromStatement(figures.balansräkning, json(balansräkning)), []);
  t.deepEqual(differencesFromStatement(figures.resultaträkning, json(resultaträkning)), []);
});

test('a medlemsbidrag paid ahead and reversed is tagged with its member on the contribution account, as a MedlemsbidragMottaget is', async (t) => {
  // Given books opening 2024-01-01 with Region Stockholm's 2024 contribution, paid in December,
  // as a förutbetald intäkt; when it is reversed on 2024-01-01 and the state pays 500 000.
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'forskott' });
  const metadata = { recordedAt: '2024-06-01T10:00:00.000Z', recordedBy: 'Ekonom' };
  const region = { medlem: 'Region Stockholm', medlemskategori: 'region' } as const;
  for (const recorded of [
    await ledger.record(
      'IngåendeBalansRegistrerad',
      {
        datum: '2024-01-01',
        text: 'IB 2024',
        kassaOchBank: '750000.00',
        momsfordran: '0.00',
        balanseratResultat: '500000.00',
        öppnaPoster: [
          {
            postId: 'FI-MB-2024-REGION',
            slag: 'förutbetald-intäkt',
            belopp: '250000.00',
            text: 'Medlemsbidrag 2024 Region Stockholm, förskott',
            intäktsslag: 'medlemsbidrag',
            ...region,
          },
        ],
      },
      { metadata },
    )(),
    await ledger.reverseAccrual('FI-MB-2024-REGION', '2024-01-01', { metadata })(),
    await ledger.record(
      'MedlemsbidragMottaget',
      {
        datum: '2024-03-01',
        medlem: 'Försäkringskassan',
        medlemskategori: 'staten',
        period: '2024',
        belopp: '500000.00',
      },
      { metadata },
    )(),
  ])
    if (E.isLeft(recorded)) return t.fail(recorded.left.message);
  // Then both contributions carry medlem and medlemskategori as posting tags.
  const journal = await exportLedgerHledger(ledger, { year: 2024 });
  t.regex(
    journal,
    /^ {4}Intäkter:Verksamhetens intäkter:3987 [^\n]* -250000,00 SEK {2}; medlem:Region Stockholm, medlemskategori:region$/m,
  );
  t.regex(
    journal,
    /^ {4}Intäkter:Verksamhetens intäkter:3985 [^\n]* -500000,00 SEK {2}; medlem:Försäkringskassan, medlemskategori:staten$/m,
  );
});

test(`a year ending with a VAT debt (a credit note after a full refund): hledger (${hledgerBinary}) reads 1650 at −500, and with the debt moved as the ledger moves it, agrees with our balansräkning`, async (t) => {
  const metadata = { recordedAt: '2021-06-01T10:00:00.000Z', recordedBy: 'Ekonom' };
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'momsskuld' });
  for (const [type, data] of vatDebtYear2021) {
    const recorded = await ledger.record(type, data as EventInput<typeof type>, { metadata })();
    if (E.isLeft(recorded)) return t.fail(recorded.left.message);
  }
  const directory = await mkdtemp(join(tmpdir(), 'finsam-hledger-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const journal = join(directory, 'momsskuld-2021.journal');
  await writeFile(journal, await exportLedgerHledger(ledger, { year: 2021 }));
  await t.notThrowsAsync(hledgerCheck(journal, ['--strict', 'ordereddates']));
  const figures = await hledgerFiguresOfJournal(journal, ledger.chart);
  t.like(asText(figures.byAccount), { '1650': '-500.00', '1930': '92500.00', '4010': '8000.00' });
  t.is(figures.balansräkning.get('övriga-fordringar')?.toString(), '0.00');
  t.is(figures.balansräkning.get('övriga-kortfristiga-skulder')?.toString(), '500.00');
  t.is(figures.balansräkning.get('summa-tillgångar')?.toString(), '92500.00');
  const { resultaträkning, balansräkning } = await ledger.statements(2021);
  const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as StatementJson;
  t.deepEqual(differencesFromStatement(figures.balansräkning, json(balansräkning)), []);
  t.deepEqual(differencesFromStatement(figures.resultaträkning, json(resultaträkning)), []);
});
