import { readFileSync } from 'node:fs';
import test from 'ava';
import * as E from 'fp-ts/Either';
import {
  defaultChart,
  intäktsslag,
  medlemskategorier,
  områden,
} from '../bookkeeping/ChartOfAccounts.js';
import type { LedgerError } from '../error.js';
import { förbundConfigurationJsonSchemaText } from './förbundConfigurationJsonSchema.js';
import { förbundConfigurationTemplate } from './förbundConfigurationTemplate.js';
import { chartFromKontoplan, defaultKontoplan, type Kontoplan } from './kontoplan.js';
import { createLedger } from '../facade/createLedger.js';
import { must } from '../facade/must.testSupport.js';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import {
  chartFromConfiguration,
  ledgerOptionsFromConfiguration,
} from './ledgerOptionsFromConfiguration.js';
import { migrateFörbundConfiguration } from './migrateFörbundConfiguration.js';
import { hasLuhnCheckDigit } from './organisationsnummer.js';
import { checkSieMappingNames } from './checkSieMappingNames.js';
import { parseFörbundConfiguration } from './parseFörbundConfiguration.js';

/**
 * A small, valid configuration (a made-up förbund; the organisationsnummer is fictional and passes
 * the Luhn check).
 */
const small = () => ({
  version: 1,
  förbundId: 'exempel',
  namn: 'Samordningsförbundet Exempel',
  organisationsnummer: '222000-0000',
  medlemmar: [
    { namn: 'Försäkringskassan', medlemskategori: 'staten', andel: '1/2' },
    { namn: 'Region Exempel', medlemskategori: 'region', andel: '0.25' },
    { namn: 'Norra kommun', medlemskategori: 'kommun', andel: '3/20' },
    { namn: 'Södra kommun', medlemskategori: 'kommun', andel: '1/10' },
  ],
});

const refused = (json: unknown): LedgerError => {
  const parsed = parseFörbundConfiguration(json);
  if (E.isRight(parsed)) throw new Error('expected a refusal');
  return parsed.left;
};
const rulesAt = (error: LedgerError) => error.issues.map((issue) => `${issue.path} ${issue.rule}`);

test('the default chart books each kind of amount on its BAS account', (t) => {
  t.is(defaultChart.name, defaultKontoplan.namn);
  t.deepEqual(
    defaultChart.accounts.map((account) => account.number),
    ['1510', '1650', '1790', '1930', '2091', '2099', '2440', '2890', '2990'].concat([
      '3985',
      '3987',
      '3989',
      '3990',
      '4010',
      '4020',
      '6010',
      '8310',
      '8410',
      '8999',
    ]),
  );
  t.deepEqual(defaultChart.account('2440'), {
    number: '2440',
    name: 'Leverantörsskulder',
    line: 'leverantörsskulder',
  });
  t.like(defaultChart.roles, { bank: '1930', åretsResultat: '2099', leverantörsskulder: '2440' });
  t.like(defaultChart.roles, { åretsResultatDisposition: '8999', finansiellaKostnader: '8410' });
  const costs = { administrativa: '6010', strukturpåverkande: '4020', operativa: '4010' };
  for (const område of områden)
    for (const post of ['', 'Kansli', 'Personalkostnad', 'ESF Projekt'])
      t.is(defaultChart.costAccount(område, post), costs[område], `${område} ${post}`);
  t.deepEqual(
    intäktsslag.map((kind) => defaultChart.incomeAccount(kind)),
    ['3989', '3989', '3990'],
  );
  t.deepEqual(
    medlemskategorier.map((kategori) => defaultChart.contributionAccount(kategori)),
    ['3985', '3987', '3987'],
  );
});

test('the default tables are read from the default chart and build it back', (t) => {
  t.like(defaultKontoplan.konton[3], { nummer: '1930', namn: 'Bank', roll: 'bank' });
  t.false('roll' in defaultKontoplan.konton[13]!, '4010 plays no role');
  t.deepEqual(defaultKontoplan.kostnadskonton[2], { område: 'operativa', konto: '4010' });
  const chart = chartFromKontoplan(defaultKontoplan);
  t.is(chart.name, defaultChart.name);
  t.deepEqual(chart.accounts, defaultChart.accounts);
  t.deepEqual(chart.roles, defaultChart.roles);
  for (const område of områden)
    t.is(chart.costAccount(område, 'Kansli'), defaultChart.costAccount(område, 'Kansli'));
  for (const kind of intäktsslag) t.is(chart.incomeAccount(kind), defaultChart.incomeAccount(kind));
  for (const kategori of medlemskategorier)
    t.is(chart.contributionAccount(kategori), defaultChart.contributionAccount(kategori));
});

test("a kontoplan's post row takes the costs of its område and post; every other cost keeps its område's row", (t) => {
  const kontoplan: Kontoplan = {
    ...defaultKontoplan,
    konton: [
      ...defaultKontoplan.konton,
      { nummer: '5010', namn: 'Lokalhyra', rad: 'verksamhetens-kostnader' },
      { nummer: '7010', namn: 'Löner', rad: 'verksamhetens-kostnader' },
    ],
    kostnadskonton: [
      ...defaultKontoplan.kostnadskonton,
      { område: 'operativa', post: 'Lokal', konto: '5010' },
      { område: 'administrativa', post: 'Lokal', konto: '5010' },
      { område: 'administrativa', post: 'Personal', konto: '7010' },
    ],
  };
  const chart = chartFromKontoplan(kontoplan);
  t.is(chart.costAccount('operativa', 'Lokal'), '5010');
  t.is(chart.costAccount('administrativa', 'Lokal'), '5010');
  t.is(chart.costAccount('administrativa', 'Personal'), '7010');
  t.is(chart.costAccount('operativa', 'Personal'), '4010', 'a post mapped in another område');
  t.is(chart.costAccount('strukturpåverkande', 'Lokal'), '4020', 'an område without post rows');
  t.is(chart.costAccount('administrativa', ''), '6010', 'no post');
  t.is(chart.costAccount('administrativa', 'lokal'), '6010', 'posts are matched exactly');
});

test('a configuration without a kontoplan books on the default chart', (t) => {
  const parsed = parseFörbundConfiguration(small());
  if (E.isLeft(parsed)) return t.fail(parsed.left.message);
  t.deepEqual(chartFromConfiguration(parsed.right).accounts, defaultChart.accounts);
  t.deepEqual(parsed.right.finansiellaRiktlinjer, {
    operativaAndelMin: '0.70',
    egetKapitalAndelMax: '0.20',
  });
  t.deepEqual(parsed.right.presentation, { enhet: 'tkr', flerårsöversiktÅr: 6 });
  t.deepEqual(parsed.right.poster, []);
});

test("presentation.flerårsöversiktÅr sets the years of the ledger's flerårsöversikt: 5 to 30, default 6", async (t) => {
  const yearsShown = async (flerårsöversiktÅr?: number) => {
    const parsed = parseFörbundConfiguration({
      ...small(),
      ...(flerårsöversiktÅr === undefined ? {} : { presentation: { flerårsöversiktÅr } }),
    });
    if (E.isLeft(parsed)) throw new Error(parsed.left.message);
    const ledger = createLedger({
      store: getInMemoryEventStore(),
      ...ledgerOptionsFromConfiguration(parsed.right),
    });
    await must(
      ledger.record(
        'MedlemsbidragMottaget',
        {
          datum: '2020-03-31',
          medlem: 'Region Exempel',
          medlemskategori: 'region',
          period: '2020 kv 1',
          belopp: '375000.00',
        },
        { metadata: { recordedAt: '2020-04-01T08:00:00.000Z', recordedBy: 'Ekonom' } },
      ),
    );
    const report = await ledger.annualReport(2020);
    return report.flerårsöversikt.columns.map((column) => column.label);
  };
  t.deepEqual(await yearsShown(), ['2020', '2019', '2018', '2017', '2016', '2015']);
  t.deepEqual(await yearsShown(5), ['2020', '2019', '2018', '2017', '2016']);
  for (const [value, rule] of [
    [4, 'too_small'],
    [31, 'too_big'],
    [5.5, 'invalid_type'],
    ['5', 'invalid_type'],
  ] as const) {
    const error = refused({ ...small(), presentation: { flerårsöversiktÅr: value } });
    t.deepEqual(
      error.issues.map((issue) => [issue.path, issue.rule]),
      [['presentation.flerårsöversiktÅr', rule]],
      String(value),
    );
  }
});

test('the template is valid as written and survives a round trip through JSON', (t) => {
  const template = förbundConfigurationTemplate({
    namn: 'Samordningsförbundet Ny',
    förbundId: 'ny',
  });
  t.is(template.version, 1);
  t.is(template.namn, 'Samordningsförbundet Ny');
  const reread = parseFörbundConfiguration(JSON.parse(JSON.stringify(template)));
  t.deepEqual(reread, E.right(template));
  const error = t.throws(() =>
    förbundConfigurationTemplate({ namn: 'Samordningsförbundet Ny', förbundId: 'Ny Förbund' }),
  ) as LedgerError;
  t.is(error.code, 'VALIDATION_FAILED');
  t.deepEqual(rulesAt(error), ['förbundId invalid_format']);
});

test('the organisationsnummer is NNNNNN-NNNN with a Luhn check digit', (t) => {
  t.true(hasLuhnCheckDigit('2220000000'));
  t.true(hasLuhnCheckDigit('5560360793'));
  t.false(hasLuhnCheckDigit('5560360794'));
  const typo = refused({ ...small(), organisationsnummer: '222000-0001' });
  t.is(typo.code, 'VALIDATION_FAILED');
  t.deepEqual(rulesAt(typo), ['organisationsnummer luhn-check-digit']);
  t.deepEqual(rulesAt(refused({ ...small(), organisationsnummer: '2220000000' })), [
    'organisationsnummer invalid_format',
  ]);
});

test('a name shaped like a personnummer is refused, as recording would refuse every event that names it', (t) => {
  const members = small().medlemmar;
  const error = refused({
    ...small(),
    medlemmar: [
      ...members.slice(0, 2),
      { ...members[2]!, namn: 'Kommun 191212-1212' },
      members[3]!,
    ],
  });
  t.deepEqual(rulesAt(error), ['medlemmar.2.namn no-personnummer']);
  t.notRegex(error.message, /191212/);
});

test("the members' shares must follow Finsam 5 § unless another split is stated with its reason", (t) => {
  const members = small().medlemmar;
  const short = refused({
    ...small(),
    medlemmar: [...members.slice(0, 3), { ...members[3]!, andel: '0.09' }],
  });
  t.deepEqual(rulesAt(short), ['medlemmar finsam-5-paragraf']);
  t.regex(short.issues[0]!.message, /kommun members' shares sum to 6\/25, not 1\/4/);
  // A share of a member without one is not summed: the kategori is not checked.
  const partial = parseFörbundConfiguration({
    ...small(),
    medlemmar: [...members.slice(0, 3), { namn: 'Södra kommun', medlemskategori: 'kommun' }],
  });
  t.true(E.isRight(partial));
  const stated = parseFörbundConfiguration({
    ...small(),
    medlemmar: [
      ...members.slice(0, 2).map((member) => ({ ...member, andel: undefined })),
      ...members.slice(2).map((member) => ({
        namn: member.namn,
        medlemskategori: member.medlemskategori,
        andel: member.namn === 'Norra kommun' ? '1/5' : '1/10',
      })),
    ],
    medlemsbidragsfördelning: {
      staten: '1/2',
      region: '1/5',
      kommun: '3/10',
      skäl: 'Förbundsordningen § 8 (ett exempel)',
    },
  });
  t.true(E.isRight(stated), E.isLeft(stated) ? stated.left.message : '');
  t.deepEqual(
    rulesAt(
      refused({
        ...small(),
        medlemsbidragsfördelning: { staten: '1/2', region: '1/4', kommun: '1/5', skäl: 'x' },
      }),
    ),
    ['medlemsbidragsfördelning shares-sum-to-one', 'medlemmar finsam-5-paragraf'],
  );
  t.deepEqual(rulesAt(refused({ ...small(), medlemmar: [{ ...members[0]!, andel: '0.5.1' }] })), [
    'medlemmar.0.andel invalid_format',
  ]);
  t.deepEqual(rulesAt(refused({ ...small(), medlemmar: [{ ...members[0]!, andel: '3/2' }] })), [
    'medlemmar.0.andel share-at-most-one',
    'medlemmar finsam-5-paragraf',
  ]);
});

test("a year's shares (andelPerÅr) must follow Finsam 5 § too, with andel for the members without one that year", (t) => {
  const [staten, region, norra, södra] = small().medlemmar;
  // 2021: Norra 3/20 → 2/10, Södra 1/10 → 1/20: still a quarter together.
  const yearly = parseFörbundConfiguration({
    ...small(),
    medlemmar: [
      staten,
      region,
      { ...norra!, andelPerÅr: { '2021': '2/10' } },
      { ...södra!, andelPerÅr: { '2021': '1/20' } },
    ],
  });
  t.true(E.isRight(yearly), E.isLeft(yearly) ? yearly.left.message : '');
  // 2022: only Norra's share changes, and Södra's andel 1/10 makes the year 0.3.
  const off = refused({
    ...small(),
    medlemmar: [staten, region, { ...norra!, andelPerÅr: { '2022': '1/5' } }, södra],
  });
  t.deepEqual(rulesAt(off), ['medlemmar.andelPerÅr.2022 finsam-5-paragraf']);
  t.regex(
    off.issues[0]!.message,
    /: in 2022 the kommun members' shares sum to 3\/10, not 1\/4 \(Finsam 5 §/,
  );
  t.deepEqual(
    rulesAt(refused({ ...small(), medlemmar: [{ ...staten!, andelPerÅr: { '20x1': '1/2' } }] })),
    ['medlemmar.0.andelPerÅr.20x1 invalid_key'],
  );
});

test('the chart tables refuse a missing role, an undefined account, an unmapped område and a twice-listed account', (t) => {
  const kontoplan: Kontoplan = {
    ...defaultKontoplan,
    konton: [
      ...defaultKontoplan.konton.filter((konto) => konto.nummer !== '1930'),
      { nummer: '1510', namn: 'Kundfordringar igen', rad: 'kundfordringar' },
    ],
    kostnadskonton: [
      { område: 'administrativa', konto: '6010' },
      { område: 'operativa', konto: '4010' },
      { område: 'operativa', post: 'Lokal', konto: '5010' },
    ],
  };
  const error = refused({ ...small(), kontoplan });
  t.deepEqual(rulesAt(error), [
    'kontoplan.konton.18.nummer account-once',
    'kontoplan.konton every-role',
    'kontoplan.kostnadskonton.2.konto defined-account',
    'kontoplan.kostnadskonton every-key-mapped',
  ]);
  t.regex(error.message, /no account has the role\(s\) bank/);
  t.regex(error.message, /no row for område \(without post\) strukturpåverkande/);
});

test('unknown fields and a wrong statement line are refused by name', (t) => {
  const typo = refused({ ...small(), medlemar: [] });
  t.deepEqual(rulesAt(typo), ['medlemar known-field']);
  t.is(typo.issues[0]!.message, 'medlemar: is not a field of the configuration (a typo?)');
  const kontoplan = {
    ...defaultKontoplan,
    konton: defaultKontoplan.konton.map((konto) =>
      konto.nummer === '1930' ? { ...konto, rad: 'kassa' } : konto,
    ),
  };
  t.deepEqual(rulesAt(refused({ ...small(), kontoplan })), [
    'kontoplan.konton.3.rad invalid_value',
  ]);
});

test('versions: 1 is read, an unknown version is refused with the versions this library reads', (t) => {
  t.true(E.isRight(migrateFörbundConfiguration(small())));
  const newer = refused({ ...small(), version: 2 });
  t.is(newer.code, 'UNSUPPORTED_SCHEMA_VERSION');
  t.deepEqual(rulesAt(newer), ['version known-version']);
  t.is(
    newer.message,
    'This förbund configuration is version 2; this version of finsam-ledger reads version 1: upgrade finsam-ledger to read it',
  );
  t.is(refused({ ...small(), version: 0 }).code, 'UNSUPPORTED_SCHEMA_VERSION');
  const missing = refused({ namn: 'x' });
  t.is(missing.code, 'VALIDATION_FAILED');
  t.deepEqual(rulesAt(missing), ['version known-version']);
  t.deepEqual(rulesAt(refused([])), [' object']);
});

test('the eget kapital step table is checked: steps go up and the last is open', (t) => {
  const finansiellaRiktlinjer = {
    egetKapitalTrappa: [
      { medelstilldelningMax: '15000000.00', andelMax: '0.20' },
      { medelstilldelningMax: '10000000.00', andelMax: '0.15' },
    ],
  };
  t.deepEqual(rulesAt(refused({ ...small(), finansiellaRiktlinjer })), [
    'finansiellaRiktlinjer.egetKapitalTrappa.1.medelstilldelningMax open-last-step',
    'finansiellaRiktlinjer.egetKapitalTrappa.1.medelstilldelningMax ascending-steps',
  ]);
});

test('the published JSON Schema is the one the zod schema generates (run pnpm run docs:forbund-schema)', (t) => {
  const published = readFileSync(new URL('../../forbund.schema.json', import.meta.url), 'utf8');
  t.is(published, förbundConfigurationJsonSchemaText());
  const schema = JSON.parse(published) as {
    required: string[];
    properties: Record<string, unknown>;
  };
  t.deepEqual(schema.required, ['version', 'förbundId', 'namn']);
  t.true('finansiellaRiktlinjer' in schema.properties);
});

test('a role on two accounts and a kategori mapped twice are refused, naming the row', (t) => {
  const kontoplan: Kontoplan = {
    ...defaultKontoplan,
    konton: defaultKontoplan.konton.map((konto) =>
      konto.nummer === '2890' ? { ...konto, roll: ['övrigaKortfristigaSkulder', 'bank'] } : konto,
    ),
    medlemsbidragskonton: [
      ...defaultKontoplan.medlemsbidragskonton,
      { medlemskategori: 'kommun', konto: '3985' },
    ],
  };
  const error = refused({ ...small(), kontoplan });
  t.deepEqual(rulesAt(error), [
    'kontoplan.konton.7.rad role-line',
    'kontoplan.konton.7.roll role-once',
    'kontoplan.medlemsbidragskonton.3 mapped-once',
  ]);
  t.regex(error.message, /role bank is given to both 1930 and 2890/);
});

test('a cost, income or contribution account off its resultaträkning line, and a role on a line that cannot carry it, are refused naming the row', (t) => {
  // An ekonom set a cost account's rad to kassa-och-bank: the costs on it left the
  // resultaträkning and moved the bank, in closed years too, with every rule of the books holding.
  const rad = (nummer: string, line: string) => (konto: Kontoplan['konton'][number]) =>
    konto.nummer === nummer ? { ...konto, rad: line as typeof konto.rad } : konto;
  const costAccount = defaultKontoplan.kostnadskonton[0]!.konto;
  const incomeAccount = defaultKontoplan.intäktskonton[0]!.konto;
  const kontoplan: Kontoplan = {
    ...defaultKontoplan,
    konton: defaultKontoplan.konton
      .map(rad(costAccount, 'kassa-och-bank'))
      .map(rad(incomeAccount, 'finansiella-intäkter'))
      .map(rad('1930', 'övriga-fordringar'))
      .map(rad('2440', 'verksamhetens-kostnader')),
  };
  const error = refused({ ...small(), kontoplan });
  const index = (nummer: string) => kontoplan.konton.findIndex((konto) => konto.nummer === nummer);
  // The income account serves two intäktsslag and has the role bidrag: three issues.
  t.deepEqual(
    rulesAt(error).sort(),
    [
      'kontoplan.intäktskonton.0.konto account-line',
      'kontoplan.intäktskonton.1.konto account-line',
      `kontoplan.konton.${index(incomeAccount)}.rad role-line`,
      `kontoplan.konton.${index('1930')}.rad role-line`,
      `kontoplan.konton.${index('2440')}.rad role-line`,
      'kontoplan.kostnadskonton.0.konto account-line',
    ].sort(),
  );
  t.regex(
    error.message,
    new RegExp(
      `account ${costAccount} is on kassa-och-bank, but a cost account feeds verksamhetens-kostnader`,
    ),
  );
  t.regex(
    error.message,
    /account 1930 has role bank, which feeds kassa-och-bank, not övriga-fordringar/,
  );
  t.regex(
    error.message,
    /account 2440 has role leverantörsskulder, which feeds a line of the balansräkning, not verksamhetens-kostnader/,
  );
});

test('the sie mapping may only give names recording accepts: known values, declared members, posts and insatser; checked before an import, not as the configuration loads', (t) => {
  const withMapping = (konton: unknown[], extra: Record<string, unknown> = {}) => ({
    ...small(),
    poster: [{ område: 'operativa', post: 'Personal' }],
    insatser: [{ namn: 'Steg', områden: ['operativa'] }],
    sie: { konton, ...extra },
  });
  const parsed = parseFörbundConfiguration(
    withMapping(
      [
        { från: '1930' },
        {
          från: '3000-3999',
          till: '3987',
          dimensioner: { medlemskategori: 'kommunen', medlem: 'Mora kommun' },
        },
        { från: '4000-4999', till: '4010', dimensioner: { område: 'operativ', post: 'Personal' } },
        { från: '7000-7999', till: '4010', dimensioner: { område: 'operativa', post: 'Insatser' } },
        {
          från: '3800',
          till: '3987',
          dimensioner: { medlem: 'Södra kommun', medlemskategori: 'region' },
        },
      ],
      {
        objekt: [{ dimension: '6', fält: 'insats', dimensioner: { insats: 'Steget' } }],
        ejFördelat: { konto: '6010', dimensioner: { intäktsslag: 'medlemsbidrag' } },
      },
    ),
  );
  // A förbund whose mapping breaks the rules still reads the books it holds.
  if (E.isLeft(parsed)) return t.fail(JSON.stringify(parsed.left.issues));
  const checked = checkSieMappingNames(parsed.right);
  if (E.isRight(checked)) return t.fail('the mapping was accepted');
  const error = checked.left;
  t.is(error.code, 'VALIDATION_FAILED');
  t.deepEqual(rulesAt(error), [
    'sie.konton.1.dimensioner.medlemskategori known-dimension-value',
    'sie.konton.1.dimensioner.medlem declared-member',
    'sie.konton.2.dimensioner.område known-dimension-value',
    'sie.konton.2.dimensioner.post declared-post',
    'sie.konton.3.dimensioner.post declared-post',
    'sie.konton.4.dimensioner.medlemskategori member-category',
    'sie.objekt.0.dimensioner.insats declared-insats',
    'sie.ejFördelat.dimensioner.intäktsslag known-dimension-value',
  ]);
  t.regex(error.issues[0]!.message, /unknown medlemskategori "kommunen": must be one of staten/);
  t.regex(error.issues[1]!.message, /"Mora kommun" is not a member of the förbund/);

  const valid = E.chain(checkSieMappingNames)(
    parseFörbundConfiguration(
      withMapping([
        {
          från: '3000-3999',
          till: '3987',
          dimensioner: { medlemskategori: 'kommun', medlem: 'Norra kommun' },
        },
        {
          från: '7000-7999',
          till: '4010',
          dimensioner: { område: 'operativa', post: 'Personal', insats: 'Steg' },
        },
      ]),
    ),
  );
  t.true(E.isRight(valid), JSON.stringify(E.isLeft(valid) ? valid.left.issues : []));
});

test('a field the configuration lacks is refused as required, naming it; one of the wrong type keeps its type error', (t) => {
  const { namn: _namn, ...withoutNamn } = small();
  const missing = refused(withoutNamn);
  t.deepEqual(
    missing.issues.map((issue) => [issue.path, issue.rule, issue.message]),
    [['namn', 'required', 'namn: is required']],
  );
  const wrongType = refused({ ...small(), namn: 5 });
  t.deepEqual(
    wrongType.issues.map((issue) => [issue.path, issue.rule]),
    [['namn', 'invalid_type']],
  );
});
