import * as E from 'fp-ts/Either';
import type { BookkeepingEventType } from '../bookkeeping/bookkeepingCatalog.js';
import type { Ledger } from '../facade/createLedger.js';
import type { EventInput } from '../facade/EventInput.js';
import { defaultChart } from '../bookkeeping/ChartOfAccounts.js';
import { replayBookkeeping } from './replayStatements.js';
import { openItemsAtYearEndProjection } from './openItemsAtYearEnd.js';
import type { EventStore } from '../store/EventStore.js';

/**
 * Test support for the open-item notes (not shipped API; imported by the specs only): a
 * small 2020 with its year-end entries recorded in March 2021, after January's payments.
 */

const metadata = (recordedAt: string) => ({ metadata: { recordedAt, recordedBy: 'Ekonom' } });

/** Records an event or throws with the refusal. */
export async function must(
  ledger: Ledger,
  type: BookkeepingEventType,
  data: unknown,
  recordedAt = '2021-01-20T08:00:00.000Z',
): Promise<string> {
  const result = await ledger.record(type, data as EventInput<typeof type>, metadata(recordedAt))();
  if (E.isLeft(result)) throw result.left;
  return result.right.event.eventId;
}

/** Runs a ledger task or throws with the refusal. */
export async function mustTask<T>(
  task: () => Promise<E.Either<{ code: string; message: string }, T>>,
): Promise<T> {
  const result = await task();
  if (E.isLeft(result)) throw result.left;
  return result.right;
}

/** The options to record with at a given time. */
export const at = metadata;

/**
 * 2020, as Roslagen's books might hold it:
 * - IB-L1: a payable from 2019 in the opening balance (no område), paid in January 2020;
 * - KF-1: the region's fourth quarter invoiced in October, paid 2021-01-15;
 * - KF-2: staff lent out, invoiced in November, open;
 * - L-1: Arbetsträning (operativa) 41 250 incl. 8 250 VAT, invoiced 10 Dec, paid 2021-01-10
 *   (recorded before the year-end entries);
 * - L-2: Ekonomi (administrativa) 3 240, invoiced in November, paid 15 Dec;
 * - L-3: ASF samordnare (strukturpåverkande) 10 000, 4 000 paid on 20 Dec: 6 000 open;
 * - ÖS-1: an outlay of 800 (administrativa) owed to a member's employee;
 * - recorded in March 2021, dated 2020-12-31: UK-1 styrelsearvode 44 577 (upplupen
 *   kostnad, administrativa), UK-2 team personal 197 711 (operativa, insats MIA), UI-1 ESF
 *   accrual 771 420, FK-1 projektlokal kv 1 2021 122 000 (förutbetald, paid);
 * - 2020 closed; the accruals reversed on 2021-01-01.
 */
export async function recordScenario2020(ledger: Ledger): Promise<void> {
  await recordOpeningAndInvoices2020(ledger);
  await recordCostsOnCredit2020(ledger);
  await recordJanuaryPayments2021(ledger);
  await recordYearEnd2020(ledger);
}

/**
 * The opening balance with a payable from 2019 and its payment; the invoices KF-1 and KF-2;
 * the payable L-2.
 */
async function recordOpeningAndInvoices2020(ledger: Ledger): Promise<void> {
  await must(
    ledger,
    'IngåendeBalansRegistrerad',
    {
      datum: '2020-01-01',
      text: 'IB 2020',
      kassaOchBank: '4000000.00',
      momsfordran: '0',
      balanseratResultat: '3995000.00',
      öppnaPoster: [
        { postId: 'IB-L1', slag: 'leverantörsskuld', belopp: '5000.00', text: 'Faktura från 2019' },
      ],
    },
    '2020-01-02T08:00:00.000Z',
  );
  await must(
    ledger,
    'LeverantörsskuldBetald',
    { datum: '2020-01-20', postId: 'IB-L1', belopp: '5000.00' },
    '2020-01-20T08:00:00.000Z',
  );
  await must(
    ledger,
    'MedlemsbidragFakturerat',
    {
      datum: '2020-10-01',
      medlem: 'Region Stockholm',
      medlemskategori: 'region',
      period: '2020 kv 4',
      belopp: '375000.00',
      postId: 'KF-1',
      text: 'Regionens medlemsavgift kv 4',
    },
    '2020-10-01T08:00:00.000Z',
  );
  await must(
    ledger,
    'ÖvrigIntäktBokförd',
    {
      datum: '2020-11-02',
      intäktsslag: 'övrig',
      intäktspost: 'Utlåning av personal',
      belopp: '20000.00',
      text: 'Utlåning personal Samsund',
      motpart: 'Samsund',
      betalning: { sätt: 'kundfordran', postId: 'KF-2' },
    },
    '2020-11-02T08:00:00.000Z',
  );
  await must(
    ledger,
    'KostnadBokförd',
    {
      datum: '2020-11-05',
      område: 'administrativa',
      post: 'Ekonomi',
      belopp: '3240.00',
      text: 'Ekonomi Lernia',
      betalning: { sätt: 'leverantörsskuld', postId: 'L-2' },
    },
    '2020-11-05T08:00:00.000Z',
  );
}

/** The payables L-3 and L-1, the payments of L-2 and part of L-3, and the outlay ÖS-1. */
async function recordCostsOnCredit2020(ledger: Ledger): Promise<void> {
  await must(
    ledger,
    'KostnadBokförd',
    {
      datum: '2020-12-01',
      område: 'strukturpåverkande',
      post: 'Insatspersonal',
      insats: 'Stödja ASF',
      belopp: '10000.00',
      text: 'ASF samordnare nov-dec',
      betalning: { sätt: 'leverantörsskuld', postId: 'L-3' },
    },
    '2020-12-01T08:00:00.000Z',
  );
  await must(
    ledger,
    'KostnadBokförd',
    {
      datum: '2020-12-10',
      område: 'operativa',
      post: 'Arbetsträning',
      insats: 'MIA',
      belopp: '33000.00',
      moms: '8250.00',
      text: 'Arbetsträning Berga beds',
      betalning: { sätt: 'leverantörsskuld', postId: 'L-1' },
    },
    '2020-12-10T08:00:00.000Z',
  );
  await must(
    ledger,
    'LeverantörsskuldBetald',
    { datum: '2020-12-15', postId: 'L-2', belopp: '3240.00' },
    '2020-12-15T08:00:00.000Z',
  );
  await must(
    ledger,
    'LeverantörsskuldBetald',
    { datum: '2020-12-20', postId: 'L-3', belopp: '4000.00' },
    '2020-12-20T08:00:00.000Z',
  );
  await must(
    ledger,
    'KostnadBokförd',
    {
      datum: '2020-12-20',
      område: 'administrativa',
      post: 'Kansli övrigt',
      belopp: '800.00',
      text: 'Utlägg kansli',
      betalning: { sätt: 'övrig-skuld', postId: 'ÖS-1' },
    },
    '2020-12-20T08:00:00.000Z',
  );
}

/** January 2021: payments of 2020's debts and receivables, recorded before the year-end entries. */
async function recordJanuaryPayments2021(ledger: Ledger): Promise<void> {
  await must(
    ledger,
    'LeverantörsskuldBetald',
    { datum: '2021-01-10', postId: 'L-1', belopp: '41250.00' },
    '2021-01-10T08:00:00.000Z',
  );
  await must(
    ledger,
    'KundfordranBetald',
    { datum: '2021-01-15', postId: 'KF-1', belopp: '375000.00' },
    '2021-01-15T08:00:00.000Z',
  );
}

/** March 2021: the year-end entries of 2020, the year closed, the accruals reversed. */
async function recordYearEnd2020(ledger: Ledger): Promise<void> {
  const march = '2021-03-10T08:00:00.000Z';
  await must(
    ledger,
    'KostnadBokförd',
    {
      datum: '2020-12-31',
      område: 'administrativa',
      post: 'Styrelse',
      belopp: '44577.00',
      text: 'Styrelse arvode nov',
      betalning: { sätt: 'upplupen', postId: 'UK-1' },
    },
    march,
  );
  await must(
    ledger,
    'KostnadBokförd',
    {
      datum: '2020-12-31',
      område: 'operativa',
      post: 'Personal',
      insats: 'MIA',
      belopp: '197711.00',
      text: 'Team personal okt-dec',
      betalning: { sätt: 'upplupen', postId: 'UK-2' },
    },
    march,
  );
  await must(
    ledger,
    'IntäktUpplupen',
    {
      datum: '2020-12-31',
      postId: 'UI-1',
      intäktsslag: 'esf',
      belopp: '771420.00',
      text: 'Upplupen intäkt ESF medel sep-dec 2020',
      motpart: 'Svenska ESF-rådet',
    },
    march,
  );
  await must(
    ledger,
    'KostnadFörutbetald',
    {
      datum: '2020-12-15',
      område: 'operativa',
      post: 'Lokal',
      insats: 'MIA',
      postId: 'FK-1',
      avserPeriod: '2021 kv 1',
      belopp: '122000.00',
      text: 'Projektlokal kv 1 2021 Täby församling',
      betalning: { sätt: 'bank' },
    },
    march,
  );
  await mustTask(ledger.closeYear(2020, '2021-03-17', at('2021-03-17T08:00:00.000Z')));
  for (const postId of ['UK-1', 'UK-2', 'UI-1', 'FK-1'])
    await mustTask(ledger.reverseAccrual(postId, '2021-01-01', at('2021-03-18T08:00:00.000Z')));
}

/** Replays a ledger's stream: the totals and the open items at the end of `year`. */
export const replayWithOpenItems = (store: EventStore, ledger: Ledger, year: number) =>
  replayBookkeeping(store.readStream(ledger.streamId), {
    chart: defaultChart,
    extra: { openItems: openItemsAtYearEndProjection(defaultChart, year) },
  });
