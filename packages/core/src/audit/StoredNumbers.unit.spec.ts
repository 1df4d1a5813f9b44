import test, { type ExecutionContext } from 'ava';
import * as E from 'fp-ts/Either';
import { bookkeepingCatalog, bookkeepingStreamId } from '../bookkeeping/bookkeepingCatalog.js';
import { createLedger } from '../facade/createLedger.js';
import { must } from '../facade/must.testSupport.js';
import type { EventStore } from '../store/EventStore.js';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { collectAsync } from '../util/asyncIterable.js';
import { auditStore } from './auditStore.js';

// Events appended around the ledger, numbered by hand, as a forger (or a broken writer) would:
// what the audit makes of verifikation numbers added, left out, repeated or swapped.

const metadata = { recordedAt: '2021-01-05T08:00:00.000Z', recordedBy: 'Ekonom' };
const streamId = bookkeepingStreamId('test');

/** A member's contribution on `datum`, stored with the verifikation number(s) `nr` (or none). */
function income(datum: string, nr?: string | readonly string[]) {
  const created = bookkeepingCatalog.create(
    'MedlemsbidragMottaget',
    {
      datum,
      medlem: 'Region Stockholm',
      medlemskategori: 'region',
      period: datum,
      belopp: '10.00',
    },
    {
      metadata: nr === undefined ? metadata : { ...metadata, verifikationsnummer: [nr].flat() },
    },
  );
  if (E.isLeft(created)) throw created.left;
  return bookkeepingCatalog.toNewEvent(created.right);
}

/**
 * Given: books whose opening balance and first income were recorded through the ledger. Returns
 * the store and the löpnummer the ledger gave that income, so each test names the ones after it.
 */
async function givenRecordedBooks(): Promise<{ store: EventStore; last: number }> {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  await must(
    ledger.record(
      'IngåendeBalansRegistrerad',
      {
        datum: '2021-01-01',
        text: 'IB 2021',
        kassaOchBank: '1000.00',
        momsfordran: '0',
        balanseratResultat: '1000.00',
        öppnaPoster: [],
      },
      { metadata },
    ),
  );
  await must(
    ledger.record('MedlemsbidragMottaget', income('2021-01-31').data as never, { metadata }),
  );
  const stored = await collectAsync(store.readStream(streamId));
  const label = stored.at(-1)!.metadata.verifikationsnummer![0]!;
  return { store, last: Number(/^2021-(\d+)$/.exec(label)![1]) };
}

/** The audit's findings as [code, revision], and the messages by code. */
async function findingsOf(t: ExecutionContext, store: EventStore) {
  const audit = await auditStore({ store, förbundId: 'test' });
  t.false(audit.ok);
  return {
    codes: audit.findings.map((finding) => [finding.code, finding.streamRevision ?? null]),
    message: (code: string) => audit.findings.find((finding) => finding.code === code)!.message,
  };
}

test('given an event added with a copy of the next number, when audited, then the repeat names both events and the numbers after them are one finding', async (t) => {
  const { store, last } = await givenRecordedBooks();
  await must(
    store.appendToStream(streamId, [
      income('2021-02-15', `2021-${last + 1}`), // added: revision 2
      income('2021-03-31', `2021-${last + 1}`), // the original holder of that number: revision 3
      income('2021-06-30', `2021-${last + 2}`),
      income('2021-09-30', `2021-${last + 3}`),
    ]),
  );
  const { codes, message } = await findingsOf(t, store);
  t.deepEqual(codes, [
    ['VERIFIKATION_NUMBER_OUT_OF_ORDER', 3],
    ['VERIFIKATION_NUMBERS_SHIFTED', 3],
  ]);
  t.regex(
    message('VERIFIKATION_NUMBER_OUT_OF_ORDER'),
    new RegExp(
      `^the event was stored with verifikation numbers \\[2021-${last + 1}\\], but 2021-${last + 1} was stored before it, with the event at position 2 \\(MedlemsbidragMottaget .*\\): numbers are given once and in order, so an event was added before it, or this one was renumbered or moved; the books number it \\[2021-${last + 2}\\]$`,
    ),
  );
  t.regex(
    message('VERIFIKATION_NUMBERS_SHIFTED'),
    /^2 later events of 2021 after this one carry verifikation numbers that leave out the events before them whose stored numbers were not new \(each its own finding\)/,
  );
});

test('given an event stored with two numbers, the second not new, when audited, then the finding names that number', async (t) => {
  const { store, last } = await givenRecordedBooks();
  await must(
    store.appendToStream(streamId, [
      income('2021-02-15', `2021-${last + 1}`),
      income('2021-03-31', [`2021-${last + 3}`, `2021-${last + 1}`]),
    ]),
  );
  const { codes, message } = await findingsOf(t, store);
  t.deepEqual(codes[0], ['VERIFIKATION_NUMBER_OUT_OF_ORDER', 3]);
  t.regex(
    message('VERIFIKATION_NUMBER_OUT_OF_ORDER'),
    new RegExp(
      `^the event was stored with verifikation numbers \\[2021-${last + 3}, 2021-${last + 1}\\]: 2021-${last + 1} is not above 2021-${last + 1}, which was stored before it, with the event at position 2 `,
    ),
  );
});

test('given an event added without numbers among numbered ones, when audited, then it is found and the numbers after it are one finding', async (t) => {
  const { store, last } = await givenRecordedBooks();
  await must(
    store.appendToStream(streamId, [
      income('2021-02-15'),
      income('2021-03-31', `2021-${last + 1}`),
      income('2021-06-30', `2021-${last + 2}`),
    ]),
  );
  const { codes } = await findingsOf(t, store);
  t.deepEqual(codes, [
    ['VERIFIKATION_NUMBER_MISSING', 2],
    ['VERIFIKATION_NUMBERS_SHIFTED', 2],
  ]);
});

test('given two events swapped, when audited, then both are found and nothing after them', async (t) => {
  const { store, last } = await givenRecordedBooks();
  await must(
    store.appendToStream(streamId, [
      income('2021-03-31', `2021-${last + 2}`),
      income('2021-02-15', `2021-${last + 1}`),
      income('2021-06-30', `2021-${last + 3}`),
    ]),
  );
  const { codes } = await findingsOf(t, store);
  t.deepEqual(codes, [
    ['VERIFIKATION_NUMBER_MISMATCH', 2],
    ['VERIFIKATION_NUMBER_OUT_OF_ORDER', 3],
  ]);
});

test('given an event added with an old number, when audited, then it is found and the one number after it is summarised', async (t) => {
  const { store, last } = await givenRecordedBooks();
  await must(
    store.appendToStream(streamId, [
      income('2021-02-15', `2021-${last + 1}`),
      income('2021-03-31', `2021-${last}`),
      income('2021-06-30', `2021-${last + 2}`),
    ]),
  );
  const { codes, message } = await findingsOf(t, store);
  t.deepEqual(codes, [
    ['VERIFIKATION_NUMBER_OUT_OF_ORDER', 3],
    ['VERIFIKATION_NUMBERS_SHIFTED', 3],
  ]);
  t.regex(message('VERIFIKATION_NUMBERS_SHIFTED'), /^1 later event of 2021 after this one carries/);
});

test('given a number renumbered downwards after a repeat, when audited, then it is still found', async (t) => {
  // A lasting offset must never explain a repeat: every number not above the ones before it is a
  // finding of its own.
  const { store, last } = await givenRecordedBooks();
  await must(
    store.appendToStream(streamId, [
      income('2021-02-15', `2021-${last + 1}`),
      income('2021-03-31', `2021-${last + 1}`),
      income('2021-06-30', `2021-${last + 1}`),
    ]),
  );
  const { codes } = await findingsOf(t, store);
  t.deepEqual(codes, [
    ['VERIFIKATION_NUMBER_OUT_OF_ORDER', 3],
    ['VERIFIKATION_NUMBER_OUT_OF_ORDER', 4],
  ]);
});

test('given a removal after an added copy, when audited, then the gap is still found where it is', async (t) => {
  // helper-100: a lasting offset once let the removal after it, and the numbers after that, pass.
  const { store, last } = await givenRecordedBooks();
  await must(
    store.appendToStream(streamId, [
      income('2021-02-15', `2021-${last + 1}`), // revision 2, added
      income('2021-03-31', `2021-${last + 1}`), // revision 3: out of order
      income('2021-04-30', `2021-${last + 2}`), // continues: summarised
      // `2021-${last + 3}` removed here
      income('2021-06-30', `2021-${last + 4}`), // revision 5: the gap
      income('2021-09-30', `2021-${last + 5}`), // continues
    ]),
  );
  const { codes } = await findingsOf(t, store);
  t.deepEqual(codes, [
    ['VERIFIKATION_NUMBER_OUT_OF_ORDER', 3],
    ['VERIFIKATION_NUMBER_MISMATCH', 5],
    ['VERIFIKATION_NUMBERS_SHIFTED', 3],
  ]);
});

test('given an upward renumbering after an unnumbered event, when audited, then it is found', async (t) => {
  const { store, last } = await givenRecordedBooks();
  await must(
    store.appendToStream(streamId, [
      income('2021-02-15'),
      income('2021-03-31', `2021-${last + 1}`),
      income('2021-06-30', `2021-${last + 3}`),
    ]),
  );
  const { codes } = await findingsOf(t, store);
  t.deepEqual(codes, [
    ['VERIFIKATION_NUMBER_MISSING', 2],
    ['VERIFIKATION_NUMBER_MISMATCH', 4],
    ['VERIFIKATION_NUMBERS_SHIFTED', 2],
  ]);
});

test('given one removed event, when audited, then it is one finding where the numbers jump, not one per later event', async (t) => {
  const { store, last } = await givenRecordedBooks();
  await must(
    store.appendToStream(streamId, [
      income('2021-02-15', `2021-${last + 2}`),
      income('2021-03-31', `2021-${last + 3}`),
      income('2021-06-30', `2021-${last + 4}`),
    ]),
  );
  const { codes, message } = await findingsOf(t, store);
  t.deepEqual(codes, [
    ['VERIFIKATION_NUMBER_MISMATCH', 2],
    ['VERIFIKATION_NUMBERS_SHIFTED', 2],
  ]);
  t.regex(
    message('VERIFIKATION_NUMBERS_SHIFTED'),
    /^2 later events of 2021 after this one carry verifikation numbers that continue from a stored number that differs from the books' \(its own finding\)/,
  );
});

test('given an event stored with an empty list among numbered ones, when audited, then it is found as unnumbered and nothing cascades', async (t) => {
  const { store, last } = await givenRecordedBooks();
  const empty = income('2021-02-15');
  await must(
    store.appendToStream(streamId, [
      { ...empty, metadata: { ...empty.metadata, verifikationsnummer: [] } },
      income('2021-03-31', `2021-${last + 1}`),
      income('2021-06-30', `2021-${last + 2}`),
    ]),
  );
  const { codes } = await findingsOf(t, store);
  t.deepEqual(codes, [
    ['VERIFIKATION_NUMBER_MISSING', 2],
    ['VERIFIKATION_NUMBERS_SHIFTED', 2],
  ]);
});

test('given a year whose first event was stored without numbers, when audited, then the numbers after it are summarised', async (t) => {
  const { store } = await givenRecordedBooks();
  await must(
    store.appendToStream(streamId, [
      income('2022-01-15'),
      income('2022-02-15', '2022-1'),
      income('2022-03-15', '2022-2'),
    ]),
  );
  const { codes } = await findingsOf(t, store);
  t.deepEqual(codes, [
    ['VERIFIKATION_NUMBER_MISSING', 2],
    ['VERIFIKATION_NUMBERS_SHIFTED', 2],
  ]);
});
