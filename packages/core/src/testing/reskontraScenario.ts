import type { EventInput } from '../facade/EventInput.js';
import type { EventStore } from '../store/EventStore.js';
import { recordingBooks } from './bookkeepingFixtures.js';

/** The opening balance: 1 000 000 in the bank and IB-L, a payable of 2020, due 2021-01-31. */
const openingBalance2021: EventInput<'IngåendeBalansRegistrerad'> = {
  datum: '2021-01-01',
  text: 'IB 2021',
  kassaOchBank: '1000000.00',
  momsfordran: '0',
  balanseratResultat: '997000.00',
  öppnaPoster: [
    {
      postId: 'IB-L',
      slag: 'leverantörsskuld',
      belopp: '3000.00',
      text: 'Faktura från 2020',
      förfallodatum: '2021-01-31',
    },
  ],
};

/**
 * Records, on `store`, 2021's receivables and payables with due dates, for the specs of the
 * reskontra and what renders it (core's text and CSV, the xlsx workbook), and returns the
 * stream to read. At 2021-05-15 the reskontra holds 1510 (KF-1 60 000 open, KF-2 20 000,
 * 5 000 ospecificerat), 1790 (FK-1 30 000) and 2440 (IB-L 3 000, L-1 10 000, L-2 30 000):
 *
 * - IB-L: a payable of 2020 in the opening balance, due 2021-01-31, never paid;
 * - KF-1: a contribution of 100 000 invoiced 2021-02-01, due 2021-03-01, 40 000 paid 2021-03-10;
 * - KF-2: a service of 20 000 invoiced 2021-03-01, due 2021-03-31;
 * - L-1: a cost of 8 000 + 2 000 VAT invoiced 2021-03-05, due 2021-04-04;
 * - FK-1 / L-2: a prepaid rent of 30 000 for kv 3, its invoice due 2021-06-30;
 * - an imported verifikation moving 5 000 from the bank to 1510 with no open item.
 */
export async function recordReskontraScenario2021(store: EventStore): Promise<string> {
  const { record, streamId } = recordingBooks(store);
  await record('IngåendeBalansRegistrerad', openingBalance2021);
  await record('MedlemsbidragFakturerat', {
    datum: '2021-02-01',
    medlem: 'Region Stockholm',
    medlemskategori: 'region',
    period: '2021 kv 1',
    belopp: '100000.00',
    postId: 'KF-1',
    förfallodatum: '2021-03-01',
  });
  await record('ÖvrigIntäktBokförd', {
    datum: '2021-03-01',
    intäktsslag: 'övrig',
    belopp: '20000.00',
    text: 'Utlåning personal',
    motpart: 'Samsund',
    betalning: { sätt: 'kundfordran', postId: 'KF-2', förfallodatum: '2021-03-31' },
  });
  await record('KostnadBokförd', {
    datum: '2021-03-05',
    område: 'operativa',
    post: 'Arbetsträning',
    belopp: '8000.00',
    moms: '2000.00',
    text: 'Arbetsträning mars',
    motpart: 'Berga beds',
    betalning: { sätt: 'leverantörsskuld', postId: 'L-1', förfallodatum: '2021-04-04' },
  });
  await record('KundfordranBetald', {
    datum: '2021-03-10',
    postId: 'KF-1',
    belopp: '40000.00',
  });
  await record('KostnadFörutbetald', {
    datum: '2021-05-01',
    område: 'administrativa',
    post: 'Lokal',
    postId: 'FK-1',
    avserPeriod: '2021 kv 3',
    belopp: '30000.00',
    text: 'Lokalhyra kv 3',
    betalning: { sätt: 'leverantörsskuld', postId: 'L-2', förfallodatum: '2021-06-30' },
  });
  await record('VerifikationImporterad', {
    datum: '2021-05-03',
    text: 'Omföring utan reskontrapost',
    källa: { filHash: 'a'.repeat(64), serie: 'A', nummer: '7' },
    rader: [
      { konto: '1510', belopp: '5000.00' },
      { konto: '1930', belopp: '-5000.00' },
    ],
  });
  return streamId;
}
