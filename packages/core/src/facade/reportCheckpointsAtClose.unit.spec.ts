import test from 'ava';
import { defaultChart } from '../bookkeeping/ChartOfAccounts.js';
import { foldAnnualReport } from '../checkpoints/foldAnnualReport.js';
import {
  checkpointingMemoryStore,
  type CheckpointingMemoryStore,
} from '../checkpoints/memoryCheckpointStorage.testSupport.js';
import { ok } from '../checkpoints/ok.testSupport.js';
import { costByBank } from '../checkpoints/payables.testSupport.js';
import { createParticipantRegister } from '../participants/createParticipantRegister.js';
import { foldParticipantHistories } from '../participants/foldParticipantHistories.js';
import { enrolmentData } from '../participants/participantEvents.testScenario.js';
import { participantStreamId } from '../participants/participantStreamId.js';
import { createLedger } from './createLedger.js';
import { foldReadersCheckpoints } from './reportCheckpointsAtClose.js';

// The writer's fold at close walks the store once for both readers' folds (issue 15): the
// checkpoints it saves must be those the two folds save each on its own walk, whichever of
// them a store already has.

const metadata = { recordedAt: '2026-01-01T00:00:00.000Z', recordedBy: 'test' };
const förbundId = 'close';
const streamId = 'bokforing-close';

/** Three closed years, participants enrolled between the books' events of each. */
async function history(): Promise<CheckpointingMemoryStore> {
  const store = checkpointingMemoryStore();
  const ledger = createLedger({ store, förbundId });
  const register = createParticipantRegister({ store, förbundId });
  await ok(
    ledger.record(
      'IngåendeBalansRegistrerad',
      {
        datum: '2023-01-01',
        text: 'IB',
        kassaOchBank: '50000.00',
        momsfordran: '0',
        balanseratResultat: '50000.00',
        öppnaPoster: [],
      },
      { metadata },
    ),
  );
  for (const year of [2023, 2024, 2025]) {
    await ok(
      register.record(
        'DeltagareInskriven',
        enrolmentData({ deltagareId: `p-${year}`, insatsId: 'steget', datum: `${year}-03-01` }),
        { metadata },
      ),
    );
    await ok(ledger.record('KostnadBokförd', costByBank(`${year}-05-01`, '1000.00'), { metadata }));
    await ok(ledger.closeYear(year, `${year + 1}-02-15`, { metadata }));
  }
  await ok(ledger.record('KostnadBokförd', costByBank('2026-03-01', '250.00'), { metadata }));
  await store.idle();
  return store;
}

/** The readers' checkpoints (not the writer's own) by name, in name order. */
const readersCheckpoints = (store: CheckpointingMemoryStore): Record<string, string> =>
  Object.fromEntries(
    [...store.files]
      .filter(([name]) => /^(annual-report|participant-register)\./.test(name))
      .sort(([left], [right]) => left.localeCompare(right)),
  );

/** The checkpoints the two folds save, each walking the store on its own. */
async function savedByEachAlone(store: CheckpointingMemoryStore): Promise<Record<string, string>> {
  await foldAnnualReport(store, streamId, 9998, { chart: defaultChart });
  await foldParticipantHistories(store, {
    participantStreamId: participantStreamId(förbundId),
    booksStreamId: streamId,
  });
  await store.idle();
  return readersCheckpoints(store);
}

async function savedByOneWalk(store: CheckpointingMemoryStore): Promise<Record<string, string>> {
  await foldReadersCheckpoints(store, store.checkpoints, {
    streamId,
    chart: defaultChart,
    participants: { participantStreamId: participantStreamId(förbundId), booksStreamId: streamId },
  });
  await store.idle();
  return readersCheckpoints(store);
}

const scenarios: readonly { readonly name: string; readonly kept: (name: string) => boolean }[] = [
  { name: 'none', kept: () => false },
  { name: 'both folds’ up to 2023', kept: (name) => name.endsWith('.2023.json') },
  { name: 'the report’s only', kept: (name) => name.startsWith('annual-report') },
  { name: 'the register’s only', kept: (name) => name.startsWith('participant-register') },
  {
    name: 'the report’s up to 2024, the register’s up to 2023',
    kept: (name) =>
      name.startsWith('annual-report') ? !name.endsWith('.2025.json') : name.endsWith('.2023.json'),
  },
  {
    name: 'the register’s up to 2024, the report’s up to 2023',
    kept: (name) =>
      name.startsWith('annual-report') ? name.endsWith('.2023.json') : !name.endsWith('.2025.json'),
  },
];

test('the one walk at close saves, byte for byte, the checkpoints each fold saves alone, from whichever checkpoints the store has', async (t) => {
  const store = await history();
  // What the writer saved as it recorded the closes.
  const byWriter = readersCheckpoints(store);
  store.files.clear();
  const expected = await savedByEachAlone(store);
  t.is(Object.keys(expected).length, 6);
  t.deepEqual(byWriter, expected);
  for (const scenario of scenarios) {
    store.files.clear();
    for (const [name, text] of Object.entries(expected))
      if (scenario.kept(name)) store.files.set(name, text);
    t.deepEqual(await savedByOneWalk(store), expected, scenario.name);
  }
});
