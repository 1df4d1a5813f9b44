import { bookkeepingEvent } from '../../testing/bookkeepingFixtures.js';
import { bookkeepingSpecification } from '../../testing/bookkeepingSpecification.js';

/**
 * Shared history of the event specifications beside each module (not published:
 * `*.testScenario.ts`): the books of a förbund that opened 2021 with one open item of each
 * kind, figures in kronor.
 */

/** The specification of the books on the default chart. */
export const spec = bookkeepingSpecification();

/** Builds a valid bookkeeping event (throws the catalog's refusal otherwise). */
export const event = bookkeepingEvent;

/**
 * The opening balance 2021: bank 500 000, VAT receivable 12 500, one open item of each
 * kind; equity brought forward 696 333 (assets 738 333 − liabilities 42 000).
 */
export const opening2021 = bookkeepingEvent('IngåendeBalansRegistrerad', {
  datum: '2021-01-01',
  text: 'Ingående balans 2021',
  kassaOchBank: '500000.00',
  momsfordran: '12500.00',
  balanseratResultat: '696333.00',
  öppnaPoster: [
    {
      postId: 'KF-2020-12',
      slag: 'kundfordran',
      belopp: '90833.00',
      text: 'Medlemsbidrag kv 4',
      motpart: 'Region Stockholm',
    },
    {
      postId: 'UI-ESF-2020',
      slag: 'upplupen-intäkt',
      belopp: '120000.00',
      text: 'ESF sep–dec 2020',
      intäktsslag: 'esf',
    },
    {
      postId: 'FK-2021-01',
      slag: 'förutbetald-kostnad',
      belopp: '15000.00',
      text: 'Hyra januari 2021',
      område: 'administrativa',
      post: 'Lokaler',
    },
    {
      postId: 'LF-2020-88',
      slag: 'leverantörsskuld',
      belopp: '30000.00',
      text: 'Arbetsträning december',
      motpart: 'Arbetsträning AB',
    },
    {
      postId: 'UK-2020',
      slag: 'upplupen-kostnad',
      belopp: '8000.00',
      text: 'Revisionsarvode 2020',
      område: 'administrativa',
      post: 'Revision',
    },
    {
      postId: 'ÖS-2020',
      slag: 'övrig-kortfristig-skuld',
      belopp: '4000.00',
      text: 'Återbetalning utlägg',
      motpart: 'Täby kommun',
    },
  ],
});

/** Closes 2021 with the given result. */
export const closing2021 = (åretsResultat: string) =>
  bookkeepingEvent('RäkenskapsårStängt', { år: 2021, datum: '2022-02-15', åretsResultat });
