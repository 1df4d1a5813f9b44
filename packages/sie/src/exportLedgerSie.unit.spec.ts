import test from 'ava';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import { createLedger, type EventInput } from '@finsam-ledger/core';
import {
  ingåendeBalans2021,
  type ScenarioEvent,
  vatDebtNetted2022,
  vatDebtYear2021,
} from '@finsam-ledger/core/testing';
import { exportLedgerSie } from './exportLedgerSie.js';
import { importSie } from './importSie.js';
import { identitySieMapping } from './SieMapping.js';
import { readSie } from './readSie.js';

const metadata = { recordedAt: '2021-06-01T10:00:00.000Z', recordedBy: 'Ekonom' };

/** A course invoiced and credited in part by the supplier; a rebate repaid to the bank. */
const story: readonly ScenarioEvent[] = [
  ['IngåendeBalansRegistrerad', ingåendeBalans2021],
  [
    'KostnadBokförd',
    {
      datum: '2021-03-10',
      område: 'operativa',
      post: 'Insatser',
      belopp: '10000.00',
      moms: '2500.00',
      text: 'Utbildning coacher, faktura 4711',
      motpart: 'Kursgården AB',
      betalning: { sätt: 'leverantörsskuld', postId: 'LF-2021-4711' },
    },
  ],
  [
    'KostnadKrediterad',
    {
      datum: '2021-03-20',
      område: 'operativa',
      post: 'Insatser',
      belopp: '2000.00',
      moms: '500.00',
      text: 'Kreditfaktura 4711-K1',
      motpart: 'Kursgården AB',
      reglering: { sätt: 'leverantörsskuld', postId: 'LF-2021-4711' },
    },
  ],
  [
    'KostnadKrediterad',
    {
      datum: '2021-03-30',
      område: 'administrativa',
      post: 'Kansli',
      belopp: '1000.00',
      moms: '250.00',
      text: 'Rabatt konferens, återbetald',
      reglering: { sätt: 'bank' },
    },
  ],
];

async function booksOf(steps: typeof story, recordMetadata = metadata) {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'kredit' });
  for (const [type, data] of steps) {
    const recorded = await ledger.record(type, data as EventInput<typeof type>, {
      metadata: recordMetadata,
    })();
    if (E.isLeft(recorded)) throw recorded.left;
  }
  return { store, ledger };
}

test('a credit note is exported in series B with its rows, and imported with its events gives the same annual report and open payable', async (t) => {
  const { store: source, ledger } = await booksOf(story);
  const bytes = await exportLedgerSie(ledger, {
    year: 2021,
    companyName: 'Kreditförbundet',
    generated: { date: '2021-06-01' },
    events: source.readStream(ledger.streamId),
  });
  const file = readSie(bytes);
  const credit = file.verifikationer.find((ver) => ver.text === 'Kreditfaktura 4711-K1');
  t.is(credit?.series, 'B');
  t.deepEqual(
    credit?.transactions.map((row) => [row.account, row.amount]),
    [
      ['4010', '-2000.00'],
      ['1650', '-500.00'],
      ['2440', '2500.00'],
    ],
  );
  const store = getInMemoryEventStore();
  await importSie({ store, förbundId: 'kopia' }, bytes, { mapping: identitySieMapping, metadata });
  const copy = createLedger({ store, förbundId: 'kopia' });
  t.deepEqual(
    JSON.parse(JSON.stringify(await copy.annualReport(2021))),
    JSON.parse(JSON.stringify(await ledger.annualReport(2021))),
  );
  const state = await copy.state()();
  t.is(E.isRight(state) && state.right.openItems.get('LF-2021-4711')?.öppetBelopp, '10000.00');
});

/**
 * Region Stockholm paid its 2024 medlemsbidrag, 250 000 kr, in December 2023: the books open on
 * 2024-01-01 with it as a förutbetald intäkt, reversed the same day into 2024's contribution.
 */
const prepaidContribution: readonly ScenarioEvent[] = [
  [
    'IngåendeBalansRegistrerad',
    {
      datum: '2024-01-01',
      text: 'IB 2024',
      kassaOchBank: '750000.00',
      momsfordran: '0',
      balanseratResultat: '500000.00',
      öppnaPoster: [
        {
          postId: 'FI-MB-2024-REGION',
          slag: 'förutbetald-intäkt',
          belopp: '250000.00',
          text: 'Medlemsbidrag 2024 Region Stockholm, förskott',
          intäktsslag: 'medlemsbidrag',
          medlem: 'Region Stockholm',
          medlemskategori: 'region',
        },
      ],
    },
  ],
  [
    'PeriodiseringÅterförd',
    {
      datum: '2024-01-01',
      postId: 'FI-MB-2024-REGION',
      slag: 'förutbetald-intäkt',
      belopp: '250000.00',
      intäktsslag: 'medlemsbidrag',
      medlem: 'Region Stockholm',
      medlemskategori: 'region',
      text: 'Återföring medlemsbidrag 2024 Region Stockholm',
    },
  ],
];

test('a medlemsbidrag paid ahead, reversed, is exported in series C on 3987 with the member as objects 22 and 23, and imported gives the same annual report', async (t) => {
  const metadata2024 = { recordedAt: '2024-06-01T10:00:00.000Z', recordedBy: 'Ekonom' };
  const { store: source, ledger } = await booksOf(prepaidContribution, metadata2024);
  const bytes = await exportLedgerSie(ledger, {
    year: 2024,
    companyName: 'Förskottsförbundet',
    generated: { date: '2024-06-01' },
    events: source.readStream(ledger.streamId),
  });
  const file = readSie(bytes);
  const reversal = file.verifikationer.find((ver) => ver.text.startsWith('Återföring'));
  t.is(reversal?.series, 'C');
  t.deepEqual(
    reversal?.transactions.map((row) => [
      row.account,
      row.amount,
      row.objects.map((object) => `${object.dimension}:${object.id}`),
    ]),
    [
      ['2990', '250000.00', []],
      ['3987', '-250000.00', ['22:Region Stockholm', '23:region']],
    ],
  );
  const store = getInMemoryEventStore();
  await importSie({ store, förbundId: 'kopia' }, bytes, {
    mapping: identitySieMapping,
    metadata: metadata2024,
  });
  const copy = createLedger({ store, förbundId: 'kopia' });
  const report = await copy.annualReport(2024);
  t.deepEqual(
    JSON.parse(JSON.stringify(report)),
    JSON.parse(JSON.stringify(await ledger.annualReport(2024))),
  );
  t.is(
    report.not1.rows.find((row) => row.key === 'medlem:Region Stockholm')?.amounts[0]?.toString(),
    '250000.00',
  );
});

/** 2021 ends owing Skatteverket 500 kr of VAT and is closed; 2022's claim nets the debt. */
const yearEndingInVatDebt: readonly ScenarioEvent[] = [
  ...vatDebtYear2021,
  ['RäkenskapsårStängt', { år: 2021, datum: '2022-02-01', åretsResultat: '-8000.00' }],
  ...vatDebtNetted2022,
];

test('a year that opens with a VAT debt is exported with #IB 1650 below zero, and another program’s such file opens new books with the debt and gives the same year', async (t) => {
  const metadata2022 = { recordedAt: '2022-06-01T10:00:00.000Z', recordedBy: 'Ekonom' };
  const { store: source, ledger } = await booksOf(yearEndingInVatDebt, metadata2022);
  const bytes = await exportLedgerSie(ledger, {
    year: 2022,
    companyName: 'Momsbacken',
    generated: { date: '2022-06-01' },
    events: source.readStream(ledger.streamId),
  });
  const file = readSie(bytes);
  t.deepEqual(
    file.balances
      .filter((balance) => balance.kind === 'IB' && balance.yearIndex === 0)
      .map((balance) => [balance.account, balance.amount]),
    [
      ['1650', '-500.00'],
      ['1930', '92500.00'],
      ['2091', '-100000.00'],
      ['2099', '8000.00'],
    ],
  );
  // Read as another program's file (finsam's own export of a later year goes into books that
  // hold the years before): without finsam's own records (and so its checksum), the #IB opens
  // the new books.
  const foreign = Buffer.from(
    Buffer.from(bytes)
      .toString('latin1')
      .split('\r\n')
      .filter((line) => !line.startsWith('#FINSAM') && !line.startsWith('#KSUMMA'))
      .join('\r\n'),
    'latin1',
  );
  const store = getInMemoryEventStore();
  await importSie({ store, förbundId: 'kopia' }, foreign, {
    mapping: identitySieMapping,
    metadata: metadata2022,
  });
  const copy = createLedger({ store, förbundId: 'kopia' });
  const current = async (books: typeof ledger, key: string) =>
    (await books.statements(2022)).balansräkning.rows
      .find((row) => row.key === key)
      ?.amounts[0]?.toString();
  for (const key of ['övriga-fordringar', 'kassa-och-bank', 'summa-eget-kapital-och-skulder'])
    t.is(await current(copy, key), await current(ledger, key), key);
  t.is(await current(copy, 'övriga-fordringar'), '500.00', 'the 2022 claim nets the debt');
  const state = await copy.state()();
  t.is(E.isRight(state) && state.right.balances.get('1650')?.toString(), '500.00');
});
