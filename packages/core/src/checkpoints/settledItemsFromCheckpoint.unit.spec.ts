import test from 'ava';
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { LedgerError } from '../error.js';
import { createLedger, type Ledger } from '../facade/createLedger.js';
import { checkpointName, openCheckpoint, sealCheckpoint } from '../store/checkpointEnvelope.js';
import type { EventStore } from '../store/EventStore.js';
import {
  bookkeepingStateVersion,
  serialiseBookkeepingState,
} from './bookkeepingStateCheckpoint.js';
import {
  checkpointingMemoryStore,
  type CheckpointingMemoryStore,
} from './memoryCheckpointStorage.testSupport.js';
import { ok } from './ok.testSupport.js';
import { costOnCredit, options, recordOpeningBalance } from './payables.testSupport.js';

// The write side keeps the open items settled before its checkpoint as id, kind and opening
// event only. Every rule about them must decide as it does with the items in full: a writer
// resumed from the checkpoint (the compact state) and a writer that folds every event from the
// first (the items in full) refuse and accept the same events, and end in the same state.

const streamId = 'bokforing-settled';

/** A refusal as the caller sees it: the code and each issue's field and rule. */
async function refusalOf(task: TaskEither<LedgerError, unknown>) {
  const result = await task();
  if (E.isRight(result)) return 'accepted';
  const { code, issues, details } = result.left;
  return { code, issues: issues.map(({ path, rule }) => ({ path, rule })), details };
}

/**
 * 2024, closed: payables LF-1, LF-2 and LF-3 opened and paid in full, the ESF accrual UI-1 of
 * 2024 reversed in January 2025, before the close. The checkpoint of 2024 holds all four as
 * settled and nothing open.
 */
async function books() {
  const store = checkpointingMemoryStore();
  const ledger = createLedger({ store, förbundId: 'settled' });
  await recordOpeningBalance(ledger);
  const ids: Record<string, string> = {};
  for (const [index, postId] of ['LF-1', 'LF-2', 'LF-3'].entries()) {
    const belopp = `${(index + 1) * 400}.00`;
    const month = String(index * 2 + 3).padStart(2, '0');
    const opened = await ok(
      ledger.record(
        'KostnadBokförd',
        costOnCredit(`2024-${month}-01`, postId, belopp, `Hyra ${postId}`),
        options,
      ),
    );
    const paid = await ok(
      ledger.record(
        'LeverantörsskuldBetald',
        { datum: `2024-${month}-20`, postId, belopp },
        options,
      ),
    );
    ids[`cost ${postId}`] = opened.event.eventId;
    ids[`payment ${postId}`] = paid.event.eventId;
  }
  await ok(
    ledger.record(
      'IntäktUpplupen',
      {
        datum: '2024-12-31',
        postId: 'UI-1',
        intäktsslag: 'esf',
        belopp: '5000.00',
        text: 'ESF 2024',
      },
      options,
    ),
  );
  await ok(ledger.reverseAccrual('UI-1', '2025-01-15', options));
  const state = await ok(ledger.state());
  await ok(ledger.closeYear(2024, '2025-02-15', options));
  await store.idle();
  must(state.openItems.size === 4, 'the history folded four items');
  return { store, ids, ledger };
}

function must(condition: boolean, message: string): asserts condition {
  if (!condition) throw new TypeError(message);
}

/** A writer resumed from the checkpoint, and one folding every event from the first. */
async function writers(store: CheckpointingMemoryStore) {
  const resumed = createLedger({ store, förbundId: 'settled' });
  const folded = createLedger({ store: store.plain, förbundId: 'settled' });
  return { resumed, folded };
}

const stateText = async (ledger: Ledger) =>
  JSON.stringify(serialiseBookkeepingState(await ok(ledger.state())));

test('a writer resumed from its checkpoint keeps the settled items as id and kind only, and refuses reusing, overpaying, mistyping, reversing or correcting them as a full fold does', async (t) => {
  const { store, ids } = await books();
  t.true(store.files.has(checkpointName('bookkeeping-decider', 2, streamId, 2024)));
  const { resumed, folded } = await writers(store);
  const resumedState = await ok(resumed.state());
  t.is(resumedState.openItems.size, 0, 'nothing open, nothing held in full');
  t.deepEqual(
    [...resumedState.settledItems.items()].map(({ postId, slag }) => [postId, slag]),
    [
      ['LF-1', 'leverantörsskuld'],
      ['LF-2', 'leverantörsskuld'],
      ['LF-3', 'leverantörsskuld'],
      ['UI-1', 'upplupen-intäkt'],
    ],
  );
  t.is((await ok(folded.state())).openItems.get('LF-1')?.öppetBelopp, '0.00');

  const attempts: [string, (ledger: Ledger) => TaskEither<LedgerError, unknown>, unknown][] = [
    [
      'a new payable under a settled id',
      (ledger) =>
        ledger.record('KostnadBokförd', costOnCredit('2025-03-01', 'LF-1', '50.00', 'Ny'), options),
      {
        code: 'OPEN_ITEM_ALREADY_EXISTS',
        issues: [{ path: 'data.betalning.postId', rule: 'unique-open-item' }],
        details: { postId: 'LF-1' },
      },
    ],
    [
      'a payment of a settled payable',
      (ledger) =>
        ledger.record(
          'LeverantörsskuldBetald',
          { datum: '2025-03-01', postId: 'LF-1', belopp: '10.00' },
          options,
        ),
      {
        code: 'SETTLEMENT_EXCEEDS_OPEN_AMOUNT',
        issues: [{ path: 'data.belopp', rule: 'at-most-open-amount' }],
        details: { postId: 'LF-1', open: '0.00', settle: '10.00' },
      },
    ],
    [
      'a settled payable paid as a receivable',
      (ledger) =>
        ledger.record(
          'KundfordranBetald',
          { datum: '2025-03-01', postId: 'LF-2', belopp: '10.00' },
          options,
        ),
      {
        code: 'OPEN_ITEM_MISMATCH',
        issues: [{ path: 'data.postId', rule: 'settled-kind' }],
        details: { postId: 'LF-2', slag: 'leverantörsskuld' },
      },
    ],
    [
      'a second reversal of a reversed accrual',
      (ledger) => ledger.reverseAccrual('UI-1', '2025-03-01', options),
      {
        code: 'SETTLEMENT_EXCEEDS_OPEN_AMOUNT',
        issues: [{ path: 'data.postId', rule: 'has-open-amount' }],
        details: { postId: 'UI-1', open: '0.00' },
      },
    ],
    [
      'a reversal of a reversed accrual with another placement',
      (ledger) =>
        ledger.record(
          'PeriodiseringÅterförd',
          {
            datum: '2025-03-01',
            postId: 'UI-1',
            slag: 'upplupen-intäkt',
            belopp: '5000.00',
            text: 'Återföring',
            intäktsslag: 'bidrag',
          },
          options,
        ),
      {
        code: 'OPEN_ITEM_MISMATCH',
        issues: [{ path: 'data.intäktsslag', rule: 'placement-of-open-item' }],
        details: { postId: 'UI-1' },
      },
    ],
    [
      'a correction of a closed year’s cost whose payable was paid since',
      (ledger) => ledger.correct(ids['cost LF-1']!, '2025-03-01', 'Fel', options),
      {
        code: 'EVENT_NOT_CORRECTABLE',
        issues: [{ path: 'data.rättadEventId', rule: 'settlements-corrected-first' }],
        details: { postId: 'LF-1', open: '0.00', settle: '400.00' },
      },
    ],
  ];
  for (const [what, attempt, expected] of attempts) {
    t.deepEqual(await refusalOf(attempt(resumed)), expected, `${what}, from the checkpoint`);
    t.deepEqual(await refusalOf(attempt(folded)), expected, `${what}, from a full fold`);
  }
  t.is(await stateText(resumed), await stateText(folded));
});

test('a correction of a closed year’s payment reopens the settled item in full, read from its opening event, whichever writer records it or folds it', async (t) => {
  const { store, ids } = await books();
  const { resumed, folded } = await writers(store);
  // Recorded by the resumed writer: it reads LF-1's opening event before it checks the batch.
  await ok(resumed.correct(ids['payment LF-1']!, '2025-03-01', 'Betald två gånger', options));
  // Recorded by the full fold; the resumed writer folds it in its catch-up, reading LF-2 first.
  await ok(folded.correct(ids['payment LF-2']!, '2025-03-02', 'Fel leverantör', options));
  // A correction of equity raises settled LF-3 again (EgetKapitalRättat reopens the item).
  await ok(
    resumed.record(
      'EgetKapitalRättat',
      {
        datum: '2025-03-03',
        belopp: '-1.00',
        motpost: { slag: 'leverantörsskuld', postId: 'LF-3' },
        text: 'Rättelse LF-3',
        skäl: 'Fel i tidigare år',
      },
      options,
    ),
  );
  const fromCheckpoint = await ok(resumed.state());
  const fromStart = await ok(folded.state());
  for (const [postId, open] of [
    ['LF-1', '400.00'],
    ['LF-2', '800.00'],
    ['LF-3', '1.00'],
  ] as const) {
    t.deepEqual(fromCheckpoint.openItems.get(postId), fromStart.openItems.get(postId), postId);
    t.like(fromCheckpoint.openItems.get(postId), {
      slag: 'leverantörsskuld',
      text: `Hyra ${postId}`,
      område: 'operativa',
      post: 'Lokal',
      underpost: 'Hyra',
      öppetBelopp: open,
      eventId: ids[`cost ${postId}`],
    });
  }
  // Reopened, the items settle again; more than is open is refused from either writer.
  await ok(
    resumed.record(
      'LeverantörsskuldBetald',
      { datum: '2025-04-01', postId: 'LF-1', belopp: '400.00' },
      options,
    ),
  );
  const overpaid = (ledger: Ledger) =>
    ledger.record(
      'LeverantörsskuldBetald',
      { datum: '2025-04-02', postId: 'LF-2', belopp: '800.01' },
      options,
    );
  t.like(await refusalOf(overpaid(resumed)), { code: 'SETTLEMENT_EXCEEDS_OPEN_AMOUNT' });
  t.like(await refusalOf(overpaid(folded)), { code: 'SETTLEMENT_EXCEEDS_OPEN_AMOUNT' });
  t.is(await stateText(resumed), await stateText(folded));
  // A third writer resumed from the same checkpoint folds all of it to the same state.
  t.is(await stateText(createLedger({ store, förbundId: 'settled' })), await stateText(folded));
});

/** A checkpoint as the write side's version 1 wrote it: every open item in full. */
async function versionOneCheckpoint(store: CheckpointingMemoryStore, name: string) {
  const opened = await openCheckpoint(store.files.get(name)!);
  must(E.isRight(opened), 'the checkpoint opens');
  const folded = await ok(createLedger({ store: store.plain, förbundId: 'settled' }).state());
  const { settledItems: _settled, ...state } = opened.right.state as Record<string, unknown>;
  return sealCheckpoint({
    ...opened.right,
    codeVersion: 1,
    state: {
      ...state,
      // What trusting it would show: a bank balance the books never had.
      balances: [['1930', '1.00']],
      openItems: [...folded.openItems],
    },
  });
}

test('the writer that recorded a year close keeps the items settled before it as id and kind from its next call, and decides and folds as a full fold does', async (t) => {
  const { store, ids, ledger } = await books();
  t.is((await ok(ledger.state())).openItems.size, 4, 'in full until its next call');
  await ok(
    ledger.record('KostnadBokförd', costOnCredit('2025-03-01', 'LF-4', '100.00', 'Hyra'), options),
  );
  const state = await ok(ledger.state());
  t.deepEqual([...state.openItems.keys()], ['LF-4'], 'only the item still open is held in full');
  t.deepEqual(
    [...state.settledItems.items()].map(({ postId }) => postId),
    ['LF-1', 'LF-2', 'LF-3', 'UI-1'],
  );
  const folded = createLedger({ store: store.plain, förbundId: 'settled' });
  const reuse = costOnCredit('2025-03-02', 'LF-2', '1.00', 'Igen');
  const refusal = await refusalOf(ledger.record('KostnadBokförd', reuse, options));
  t.like(refusal, { code: 'OPEN_ITEM_ALREADY_EXISTS' });
  t.deepEqual(refusal, await refusalOf(folded.record('KostnadBokförd', reuse, options)));
  // Reopened by a correction of its payment: read in full from its opening event again.
  await ok(ledger.correct(ids['payment LF-1']!, '2025-03-03', 'Fel', options));
  t.is((await ok(ledger.state())).openItems.get('LF-1')?.öppetBelopp, '400.00');
  t.is(await stateText(ledger), await stateText(folded));
});

test('a checkpoint of the write side’s version 1 is discarded, never read: the writer folds from the first event and saves version 2 again', async (t) => {
  const { store } = await books();
  const currentName = checkpointName(
    'bookkeeping-decider',
    bookkeepingStateVersion,
    streamId,
    2024,
  );
  const oldName = checkpointName('bookkeeping-decider', 1, streamId, 2024);
  store.files.set(oldName, await versionOneCheckpoint(store, currentName));
  store.files.delete(currentName);
  const firstReads: number[] = [];
  const observed: EventStore & Pick<CheckpointingMemoryStore, 'checkpoints'> = {
    ...store.plain,
    readStream: (id, readOptions) => {
      firstReads.push(readOptions?.fromRevision ?? 0);
      return store.readStream(id, readOptions);
    },
    checkpoints: store.checkpoints,
  };
  const ledger = createLedger({ store: observed, förbundId: 'settled' });
  const state = await ok(ledger.state());
  await store.idle();
  t.is(firstReads[0], 0, 'the writer read from the first event');
  t.false(store.files.has(oldName), 'the old version is removed');
  t.true(store.files.has(currentName), 'the fold saved version 2 at the close again');
  t.is(state.balances.get('1930')?.toString(), '97600.00');
  // Settled before the close the fold saved: from then on kept compactly, as a resumed writer
  // keeps it, not in full.
  t.false(state.openItems.has('LF-1'), 'not kept in full past the stored close');
  t.is(state.settledItems.find('LF-1')?.slag, 'leverantörsskuld', 'kept as settled');
  t.is(
    await stateText(createLedger({ store, förbundId: 'settled' })),
    JSON.stringify(serialiseBookkeepingState(state)),
  );
});

test('a version 2 checkpoint whose state has version 1’s shape is discarded as malformed and rebuilt', async (t) => {
  const { store } = await books();
  const name = checkpointName('bookkeeping-decider', bookkeepingStateVersion, streamId, 2024);
  const oldShape = await openCheckpoint(await versionOneCheckpoint(store, name));
  must(E.isRight(oldShape), 'the old shape opens');
  store.files.set(name, await sealCheckpoint({ ...oldShape.right, codeVersion: 2 }));
  const state = await ok(createLedger({ store, förbundId: 'settled' }).state());
  await store.idle();
  t.is(state.balances.get('1930')?.toString(), '97600.00', 'the altered balance was not read');
  const saved = await openCheckpoint(store.files.get(name)!);
  t.true(E.isRight(saved) && 'settledItems' in (saved.right.state as object), 'saved anew');
});
