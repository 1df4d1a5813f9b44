/**
 * The example of docs/setting-up-your-forbund.md, as a function the tests run: a small
 * förbund's configuration (the page shows the same JSON), a ledger made from it, one
 * refusal of an undeclared name and the start of the year's annual report.
 */
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import {
  createLedger,
  ledgerOptionsFromConfiguration,
  parseFörbundConfiguration,
  renderStatementText,
  type FörbundConfigurationInput,
} from '@finsam-ledger/core';

/**
 * The configuration the page walks through (a made-up förbund; the organisationsnummer is
 * fictional).
 */
export const exampleConfiguration: FörbundConfigurationInput = {
  $schema: './node_modules/@finsam-ledger/core/forbund.schema.json',
  version: 1,
  förbundId: 'ekbacken',
  namn: 'Samordningsförbundet Ekbacken',
  organisationsnummer: '222000-0000',
  medlemmar: [
    { namn: 'Försäkringskassan', medlemskategori: 'staten', andel: '1/2' },
    { namn: 'Region Exempel', medlemskategori: 'region', andel: '1/4' },
    { namn: 'Ekbackens kommun', medlemskategori: 'kommun', andel: '1/4' },
  ],
  kontoplan: {
    namn: 'BAS-lik, förbundets urval',
    konton: [
      { nummer: '1220', namn: 'Inventarier', rad: 'anläggningstillgångar' },
      {
        nummer: '1229',
        namn: 'Ackumulerade avskrivningar på inventarier',
        rad: 'anläggningstillgångar',
      },
      { nummer: '1510', namn: 'Kundfordringar', rad: 'kundfordringar', roll: 'kundfordringar' },
      { nummer: '1650', namn: 'Momsfordran', rad: 'övriga-fordringar', roll: 'momsfordran' },
      {
        nummer: '1790',
        namn: 'Förutbetalda kostnader och upplupna intäkter',
        rad: 'förutbetalda-kostnader-upplupna-intäkter',
        roll: 'förutbetaldaKostnaderUpplupnaIntäkter',
      },
      { nummer: '1930', namn: 'Bank', rad: 'kassa-och-bank', roll: 'bank' },
      {
        nummer: '2091',
        namn: 'Balanserat resultat',
        rad: 'eget-kapital',
        roll: 'balanseratResultat',
      },
      { nummer: '2099', namn: 'Årets resultat', rad: 'eget-kapital', roll: 'åretsResultat' },
      {
        nummer: '2440',
        namn: 'Leverantörsskulder',
        rad: 'leverantörsskulder',
        roll: 'leverantörsskulder',
      },
      {
        nummer: '2890',
        namn: 'Övriga kortfristiga skulder',
        rad: 'övriga-kortfristiga-skulder',
        roll: 'övrigaKortfristigaSkulder',
      },
      {
        nummer: '2990',
        namn: 'Upplupna kostnader',
        rad: 'upplupna-kostnader-förutbetalda-intäkter',
        roll: 'upplupnaKostnader',
      },
      {
        nummer: '3985',
        namn: 'Medlemsbidrag staten',
        rad: 'verksamhetens-intäkter',
        roll: 'medlemsbidragStaten',
      },
      {
        nummer: '3987',
        namn: 'Medlemsbidrag region och kommun',
        rad: 'verksamhetens-intäkter',
        roll: 'medlemsbidragRegionOchKommuner',
      },
      { nummer: '3989', namn: 'ESF och bidrag', rad: 'verksamhetens-intäkter', roll: 'bidrag' },
      {
        nummer: '3990',
        namn: 'Övriga intäkter',
        rad: 'verksamhetens-intäkter',
        roll: 'övrigaIntäkter',
      },
      { nummer: '4010', namn: 'Operativa individinsatser', rad: 'verksamhetens-kostnader' },
      { nummer: '4020', namn: 'Strukturpåverkande insatser', rad: 'verksamhetens-kostnader' },
      { nummer: '6010', namn: 'Administration', rad: 'verksamhetens-kostnader' },
      { nummer: '6020', namn: 'Kansliets lokaler', rad: 'verksamhetens-kostnader' },
      { nummer: '7832', namn: 'Avskrivningar på inventarier', rad: 'avskrivningar' },
      {
        nummer: '8310',
        namn: 'Ränteintäkter',
        rad: 'finansiella-intäkter',
        roll: 'finansiellaIntäkter',
      },
      {
        nummer: '8410',
        namn: 'Räntekostnader',
        rad: 'finansiella-kostnader',
        roll: 'finansiellaKostnader',
      },
      {
        nummer: '8999',
        namn: 'Årets resultat (resultatdisposition)',
        rad: 'resultatdisposition',
        roll: 'åretsResultatDisposition',
      },
    ],
    kostnadskonton: [
      { område: 'administrativa', konto: '6010' },
      { område: 'administrativa', post: 'Lokaler', konto: '6020' },
      { område: 'strukturpåverkande', konto: '4020' },
      { område: 'operativa', konto: '4010' },
    ],
    intäktskonton: [
      { intäktsslag: 'esf', konto: '3989' },
      { intäktsslag: 'bidrag', konto: '3989' },
      { intäktsslag: 'övrig', konto: '3990' },
    ],
    medlemsbidragskonton: [
      { medlemskategori: 'staten', konto: '3985' },
      { medlemskategori: 'region', konto: '3987' },
      { medlemskategori: 'kommun', konto: '3987' },
    ],
  },
  poster: [
    { område: 'administrativa', post: 'Kansli', underposter: ['Personal', 'Resor'] },
    { område: 'administrativa', post: 'Lokaler' },
    { område: 'administrativa', post: 'Ej fördelat' },
    { område: 'strukturpåverkande', post: 'Samverkan' },
    { område: 'operativa', post: 'Arbetsträning', år: [2025, 2026] },
  ],
  insatser: [{ namn: 'Steg för steg', områden: ['operativa'], år: [2025, 2026] }],
  finansiellaRiktlinjer: {
    administrativaKostnaderMax: '900000.00',
    operativaAndelMin: '0.70',
    egetKapitalAndelMax: '0.20',
  },
  presentation: { enhet: 'tkr' },
};

/** Runs the page's example: returns the refusal's issues and the resultaträkning in tkr. */
export async function settingUpYourForbundExample(): Promise<{
  refusal: readonly { path: string; rule: string; message: string }[];
  title: string;
  resultaträkning: string;
}> {
  const parsed = parseFörbundConfiguration(exampleConfiguration);
  if (E.isLeft(parsed)) throw parsed.left;
  const configuration = parsed.right;
  const ledger = createLedger({
    store: getInMemoryEventStore(),
    ...ledgerOptionsFromConfiguration(configuration),
  });
  const options = {
    metadata: { recordedAt: '2025-04-01T08:00:00.000Z', recordedBy: 'ekonom@ekbacken' },
  };
  await ledger.recordAll([
    {
      type: 'IngåendeBalansRegistrerad',
      data: {
        datum: '2025-01-01',
        text: 'Ingående balans 2025',
        kassaOchBank: '500000.00',
        momsfordran: '0.00',
        balanseratResultat: '500000.00',
        öppnaPoster: [],
      },
      options,
    },
    {
      type: 'MedlemsbidragMottaget',
      data: {
        datum: '2025-01-31',
        medlem: 'Ekbackens kommun',
        medlemskategori: 'kommun',
        period: '2025',
        belopp: '750000.00',
      },
      options,
    },
    {
      type: 'KostnadBokförd',
      data: {
        datum: '2025-03-31',
        område: 'administrativa',
        post: 'Lokaler',
        belopp: '45000.00',
        text: 'Hyra kv 1',
        betalning: { sätt: 'bank' },
      },
      options,
    },
  ])();
  // A typo in the post: refused, naming the field, the rule and the allowed posts.
  const refused = await ledger.record(
    'KostnadBokförd',
    {
      datum: '2025-03-31',
      område: 'operativa',
      post: 'Arbetstränning',
      insats: 'Steg för steg',
      belopp: '120000.00',
      text: 'Arbetsträning kv 1',
      betalning: { sätt: 'bank' },
    },
    options,
  )();
  const report = await ledger.annualReport(2025);
  return {
    refusal: E.isLeft(refused) ? refused.left.issues : [],
    title: `${report.namn} – årsredovisning ${report.år}`,
    resultaträkning: renderStatementText(report.resultaträkning, configuration.presentation.enhet),
  };
}
