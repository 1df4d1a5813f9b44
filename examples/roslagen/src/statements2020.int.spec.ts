import test from 'ava';
import {
  bookkeepingStreamId,
  participantStreamId,
  mainStatements,
  replayBookkeeping,
  rowOf,
  type Statement,
} from '@finsam-ledger/core';
import { collectAsync } from '@finsam-ledger/core/store';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import {
  openRoslagenFileStore,
  recordRoslagenHistory,
  roslagenFörbundId,
} from './roslagenStore.js';

/**
 * Every line of the published Årsredovisning 2020 (seed 003, in kronor), as the consistent
 * ledger must print it. Where the print contradicts itself, the consistent figure is used and
 * the printed one is named in the comment (see examples/roslagen/README.md).
 */
const published = {
  resultaträkning: {
    'verksamhetens-intäkter': ['9561772', '8675276'],
    'verksamhetens-kostnader': ['-8994844', '-6696205'],
    avskrivningar: ['0', '0'],
    'verksamhetens-resultat': ['566928', '1979071'],
    'finansiella-intäkter': ['0', '0'],
    'finansiella-kostnader': ['0', '-60'],
    // Printed 1 979 071 for 2019; 1 979 071 − 60 = 1 979 011, as the BR and KF print it.
    'årets-resultat': ['566928', '1979011'],
  },
  balansräkning: {
    kundfordringar: ['375000', '646223'],
    'förutbetalda-kostnader-upplupna-intäkter': ['897388', '870738'],
    'övriga-fordringar': ['332225', '374527'],
    'kassa-och-bank': ['3920436', '2573298'],
    'summa-tillgångar': ['5525049', '4464786'],
    'årets-resultat': ['566928', '1979011'],
    'övrigt-eget-kapital': ['2974356', '995345'],
    'summa-eget-kapital': ['3541284', '2974356'],
    leverantörsskulder: ['629950', '1008770'],
    // Printed 481 659 for 2019, one krona short: KF 2020's 493 335 implies 481 660.
    'upplupna-kostnader': ['1353815', '481660'],
    // Printed 4 464 785 for 2019, against summa tillgångar 4 464 786.
    'summa-eget-kapital-och-skulder': ['5525049', '4464786'],
  },
  kassaflödesanalys: {
    'årets-resultat': ['566928', '1979011'],
    'justering-ej-likviditetspåverkande-poster': ['0', '0'],
    'medel-före-förändring-av-rörelsekapital': ['566928', '1979011'],
    'förändring-kortfristiga-fordringar': ['286875', '-695145'],
    'förändring-kortfristiga-skulder': ['493335', '-65766'],
    'kassaflöde-löpande-verksamhet': ['1347138', '1218100'],
    'årets-kassaflöde': ['1347138', '1218100'],
    'likvida-medel-vid-årets-början': ['2573298', '1355198'],
    'likvida-medel-vid-årets-slut': ['3920436', '2573298'],
  },
} as const;

function assertStatement(
  t: import('ava').ExecutionContext,
  statement: Statement,
  expected: Record<string, readonly [string, string]>,
) {
  const lineRows = statement.rows.filter((row) => row.kind !== 'heading');
  t.deepEqual(
    lineRows.map((row) => row.key).sort(),
    Object.keys(expected).sort(),
    `${statement.name} has exactly the published lines`,
  );
  for (const [key, [current, comparison]] of Object.entries(expected)) {
    const amounts = rowOf(statement, key).amounts.map((amount) => amount?.roundedIn(1, 0));
    t.deepEqual(amounts, [current, comparison], `${statement.name} ${key}`);
    // Every 2020 figure is exact to the öre, not only to the krona.
    t.is(
      rowOf(statement, key).amounts[0]!.toString(),
      `${current}.00`,
      `${statement.name} ${key} is whole kronor`,
    );
  }
}

test('replaying the committed file store reproduces every line of RR, BR and KF 2020 with the 2019 comparison', async (t) => {
  const opened = await openRoslagenFileStore();
  if (opened._tag === 'Left') return t.fail(`${opened.left.code}: ${opened.left.message}`);
  const store = opened.right;
  try {
    const { totals } = await replayBookkeeping(
      store.readStream(bookkeepingStreamId(roslagenFörbundId)),
    );
    const statements = mainStatements(totals, 2020);
    assertStatement(t, statements.resultaträkning, published.resultaträkning);
    assertStatement(t, statements.balansräkning, published.balansräkning);
    assertStatement(t, statements.kassaflödesanalys, published.kassaflödesanalys);
    t.deepEqual(
      statements.balansräkning.columns.map((column) => column.source),
      ['bokföring', 'historiska uppgifter'],
    );
    t.true(totals.closedYears.has(2020), '2020 is closed, as the board adopted it');
  } finally {
    await store.close();
  }
});

test('the committed file store holds exactly the example history, and verify finds it intact', async (t) => {
  const opened = await openRoslagenFileStore();
  if (opened._tag === 'Left') return t.fail(opened.left.message);
  const file = opened.right;
  const fresh = getInMemoryEventStore();
  const recorded = await recordRoslagenHistory(fresh);
  t.is(recorded._tag, 'Right');
  const strip = (
    events: Awaited<ReturnType<typeof collectAsync<import('@finsam-ledger/core').StoredEvent>>>,
  ) =>
    events.map(({ eventId, type, schemaVersion, data, metadata, streamId, streamRevision }) => ({
      eventId,
      type,
      schemaVersion,
      data,
      metadata,
      streamId,
      streamRevision,
    }));
  for (const streamId of [
    bookkeepingStreamId(roslagenFörbundId),
    participantStreamId(roslagenFörbundId),
  ]) {
    t.deepEqual(
      strip(await collectAsync(file.readStream(streamId))),
      strip(await collectAsync(fresh.readStream(streamId))),
      `${streamId}: run 'npx -y pnpm@10 run example:build-store' after changing the history`,
    );
  }
  const report = await file.verify()();
  t.is(report._tag, 'Right');
  if (report._tag === 'Right') t.true(report.right.ok, JSON.stringify(report.right));
  await file.close();
});
