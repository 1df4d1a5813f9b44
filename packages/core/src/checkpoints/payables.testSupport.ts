import type { Ledger } from '../facade/createLedger.js';
import { serialiseBookkeepingState } from './bookkeepingStateCheckpoint.js';
import { ok } from './ok.testSupport.js';

/** The metadata of every event the write side's checkpoint specs record. */
export const metadata = { recordedAt: '2026-01-01T00:00:00.000Z', recordedBy: 'test' };

/** The record options of those specs. */
export const options = { metadata };

/** A rent cost of `belopp` on credit: it opens payable `postId`. */
export const costOnCredit = (
  datum: string,
  postId: string,
  belopp: string,
  text = `Hyra ${postId}`,
) =>
  ({
    datum,
    område: 'operativa',
    post: 'Lokal',
    underpost: 'Hyra',
    belopp,
    moms: '0.00',
    text,
    betalning: { sätt: 'leverantörsskuld', postId },
  }) as const;

/** A cost of `belopp` dated `datum`, paid from the bank: nothing left open. */
export const costByBank = (datum: string, belopp: string) =>
  ({
    datum,
    område: 'operativa',
    post: 'Post',
    belopp,
    moms: '0.00',
    text: `Kostnad ${datum}`,
    betalning: { sätt: 'bank' },
  }) as const;

/** Records the opening balance of 2024: 100 000 kr in the bank, nothing open. */
export async function recordOpeningBalance(ledger: Ledger): Promise<void> {
  await ok(
    ledger.record(
      'IngåendeBalansRegistrerad',
      {
        datum: '2024-01-01',
        text: 'IB',
        kassaOchBank: '100000.00',
        momsfordran: '0',
        balanseratResultat: '100000.00',
        öppnaPoster: [],
      },
      options,
    ),
  );
}

/**
 * The writer's state as its checkpoint's JSON: two writers whose texts are equal accept and
 * refuse alike, so the specs compare writers by it.
 */
export const stateText = async (ledger: Ledger): Promise<string> =>
  JSON.stringify(serialiseBookkeepingState(await ok(ledger.state())));
