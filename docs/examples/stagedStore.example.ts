/**
 * Checking events against the rules without writing them, on a file store: the example of
 * `docs/stores.md` ("Checking without writing: the staged store"), as a function the tests run on
 * a fresh directory.
 */
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { openFileEventStore, type VerifyReport } from '@finsam-ledger/adapter-file';
import { createLedger, getStagedEventStore, type LedgerError } from '@finsam-ledger/core';

/** What the example saw. */
export interface StagedStoreSeen {
  /** The store's head (`<eventCount>:<hash>`) before the checks and after them. */
  readonly headBefore: string;
  readonly headAfter: string;
  /** What the staged ledger said of a payment of the invoice, and of one of an unknown invoice. */
  readonly paymentChecked: boolean;
  readonly unknownInvoiceRefusal: string | undefined;
  /** The revision the checked payment would have had. */
  readonly stagedRevision: number | undefined;
}

function headOf(verified: E.Either<LedgerError, VerifyReport>): string {
  if (E.isLeft(verified)) throw verified.left;
  return `${verified.right.head.eventCount}:${verified.right.head.hash}`;
}

const metadata = { recordedAt: '2020-03-02T09:00:00.000Z', recordedBy: 'ekonom@forbundet' };

export async function stagedStoreExample(directory: string): Promise<StagedStoreSeen> {
  const opened = await openFileEventStore({ path: join(directory, 'roslagen.finsam.jsonl') })();
  if (E.isLeft(opened)) throw opened.left;
  const store = opened.right;
  const ledger = createLedger({ store, förbundId: 'roslagen' });
  const invoice = await ledger.record(
    'KostnadBokförd',
    {
      datum: '2020-02-28',
      område: 'operativa',
      post: 'Köpta tjänster',
      belopp: '12500.00',
      moms: '0.00',
      text: 'Handledning februari',
      betalning: { sätt: 'leverantörsskuld', postId: 'F-2020-17' },
    },
    { metadata },
  )();
  if (E.isLeft(invoice)) throw invoice.left;
  const headBefore = headOf(await store.verify()());

  // The staged store reads the file store and keeps its own appends in memory.
  const staged = getStagedEventStore(store);
  const checking = createLedger({ store: staged, förbundId: 'roslagen' });
  const payment = await checking.record(
    'LeverantörsskuldBetald',
    { datum: '2020-03-02', postId: 'F-2020-17', belopp: '12500.00' },
    { metadata },
  )();
  const unknown = await checking.record(
    'LeverantörsskuldBetald',
    { datum: '2020-03-02', postId: 'F-2020-99', belopp: '800.00' },
    { metadata },
  )();
  await staged.close(); // the file store stays open

  const headAfter = headOf(await store.verify()());
  await store.close();
  return {
    headBefore,
    headAfter,
    paymentChecked: E.isRight(payment),
    unknownInvoiceRefusal: E.isLeft(unknown) ? unknown.left.code : undefined,
    stagedRevision: E.isRight(payment) ? payment.right.nextExpectedRevision : undefined,
  };
}
