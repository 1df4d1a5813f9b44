import { readFileSync } from 'node:fs';
import test from 'ava';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import {
  annualReportOptionsFromConfiguration,
  bookkeepingCatalog,
  bookkeepingStreamId,
  checkVocabulary,
  createLedger,
  guidelinesFromConfiguration,
  ledgerOptionsFromConfiguration,
  parseFörbundConfiguration,
  renderAnnualReportText,
  replayAnnualReport,
  rowOf,
  vocabularyFromConfiguration,
  type AnnualReport,
  type BookkeepingEvent,
  type BookkeepingEventType,
  type FörbundConfiguration,
  type EventInput,
} from '@finsam-ledger/core';
import { roslagenGuidelines } from './roslagenGuidelines.js';
import { openRoslagenFileStore, roslagenFörbundId } from './roslagenStore.js';

/**
 * Roslagen as data: examples/roslagen/forbund.json declares the förbund's name, members,
 * chart, the Not 2 posts and insatser its committed store uses, its guidelines and unit.
 * Every event of the store passes the vocabulary check; recorded again through
 * `createLedger({ store, ...ledgerOptionsFromConfiguration(configuration) })` they give the
 * same annual reports as the TypeScript options of the example (annualReport.spec.ts).
 */

const configuration: FörbundConfiguration = (() => {
  const parsed = parseFörbundConfiguration(
    JSON.parse(readFileSync(new URL('../forbund.json', import.meta.url), 'utf8')),
  );
  if (E.isLeft(parsed)) throw parsed.left;
  return parsed.right;
})();

/** The bookkeeping events of the committed store, decoded. */
const storedEvents = (async () => {
  const opened = await openRoslagenFileStore();
  if (E.isLeft(opened)) throw opened.left;
  try {
    const events: BookkeepingEvent[] = [];
    for await (const stored of opened.right.readStream(bookkeepingStreamId(roslagenFörbundId))) {
      const decoded = bookkeepingCatalog.decode(stored);
      if (E.isLeft(decoded)) throw decoded.left;
      events.push(decoded.right as BookkeepingEvent);
    }
    return events;
  } finally {
    await opened.right.close();
  }
})();

/** The example's own replay: the TypeScript guidelines, no configuration. */
/**
 * The example's report of a year, with the members' shares forbund.json states (the example's
 * own guidelines hold no member: the shares are the configuration's).
 */
async function exampleReport(year: number): Promise<AnnualReport> {
  const { totals: _totals, ...report } = await replayAnnualReport(await storedEvents, year, {
    guidelines: {
      ...roslagenGuidelines,
      medlemsandelar: guidelinesFromConfiguration(configuration).medlemsandelar!,
    },
  });
  return report;
}

/** The committed events recorded again, one by one, through a ledger made from forbund.json. */
const configuredLedger = (async () => {
  const ledger = createLedger({
    store: getInMemoryEventStore(),
    ...ledgerOptionsFromConfiguration(configuration),
  });
  for (const event of await storedEvents) {
    const recorded = await ledger.record(event.type as BookkeepingEventType, event.data, {
      metadata: event.metadata,
      eventId: event.eventId,
    })();
    if (E.isLeft(recorded)) throw recorded.left;
  }
  return ledger;
})();

test('forbund.json is a valid configuration: Roslagen, eight members (the state, one region, six municipalities), the Finsam 5 § split exact', (t) => {
  t.is(configuration.förbundId, roslagenFörbundId);
  t.is(configuration.namn, 'Samordningsförbundet Roslagen');
  t.deepEqual(
    configuration.medlemmar.map((member) => member.medlemskategori),
    ['staten', 'region', 'kommun', 'kommun', 'kommun', 'kommun', 'kommun', 'kommun'],
  );
  t.is(configuration.poster.length, 29);
  t.is(configuration.insatser.length, 8);
  t.deepEqual(configuration.finansiellaRiktlinjer, {
    ...roslagenGuidelines,
    egetKapitalAndelMax: '0.20',
  });
  t.is(configuration.presentation.enhet, 'tkr');
});

test('every bookkeeping event of the committed store uses only the names forbund.json declares', async (t) => {
  const vocabulary = vocabularyFromConfiguration(configuration);
  const events = await storedEvents;
  t.is(events.length, 740);
  const refusals = events
    .map((event) => checkVocabulary(vocabulary, event))
    .filter(E.isLeft)
    .map((refusal) => refusal.left.message);
  t.deepEqual(refusals, []);
});

test('recorded again through createLedger with the configuration, the store gives the example’s annual reports of 2020 and 2022', async (t) => {
  const ledger = await configuredLedger;
  for (const year of [2020, 2022]) {
    const configured = await ledger.annualReport(year);
    const { namn, ...withoutName } = configured;
    t.is(namn, 'Samordningsförbundet Roslagen');
    t.deepEqual(withoutName, await exampleReport(year), String(year));
  }
  // The same through a plain replay of the committed store, without a ledger.
  const { totals: _totals, ...replayed } = await replayAnnualReport(
    await storedEvents,
    2022,
    annualReportOptionsFromConfiguration(configuration),
  );
  t.deepEqual(replayed, await ledger.annualReport(2022));
  const report2020 = await ledger.annualReport(2020);
  t.deepEqual(
    rowOf(report2020.resultaträkning, 'årets-resultat').amounts.map((amount) =>
      amount?.roundedIn(1, 0),
    ),
    ['566928', '1979011'],
  );
  const report2022 = await ledger.annualReport(2022);
  const check = (key: string) =>
    report2022.finansiellaRiktlinjer.checks.find((candidate) => candidate.key === key)!;
  t.is(String(check('administrativa-kostnader').figures['administrativaKostnader']), '2049800.00');
  t.is(
    String(check('administrativa-kostnader').figures['administrativaKostnaderMax']),
    '2000000.00',
  );
  t.false(check('administrativa-kostnader').passed);
  // Each member paid its share of each year: 2022's andel, 2020's andelPerÅr.
  t.true(check('medlemsandelar').passed);
  const medlemsandelar2020 = report2020.finansiellaRiktlinjer.checks.find(
    (candidate) => candidate.key === 'medlemsandelar',
  )!;
  t.true(medlemsandelar2020.passed, medlemsandelar2020.explanation);
  t.is(String(medlemsandelar2020.figures['Danderyds kommun']), '203333.33');
  t.is(String(check('medlemsandelar').figures['Danderyds kommun']), '205640.00');
  t.true(check('eget-kapital').passed);
  t.true(check('finsam-5-paragraf').passed);
  t.true(
    renderAnnualReportText(report2022, configuration.presentation.enhet).startsWith(
      'Samordningsförbundet Roslagen – årsredovisning 2022\n',
    ),
  );
});

test('with forbund.json, a misspelt member, post, underpost or insats is refused and nothing is written', async (t) => {
  const ledger = await configuredLedger;
  const metadata = { recordedAt: '2022-12-30T10:00:00.000Z', recordedBy: 'ekonom@roslagen' };
  const before = (await ledger.state()()) as E.Right<{ balances: Map<string, unknown> }>;
  const cost: EventInput<'KostnadBokförd'> = {
    datum: '2022-12-30',
    område: 'administrativa',
    post: 'Kanslipersonl',
    belopp: '1250.00',
    text: 'Konsultstöd',
    betalning: { sätt: 'bank' },
  };
  const refusedPost = await ledger.record('KostnadBokförd', cost, { metadata })();
  if (E.isRight(refusedPost)) return t.fail('a misspelt post was recorded');
  t.is(refusedPost.left.code, 'VALIDATION_FAILED');
  t.deepEqual(
    refusedPost.left.issues.map((issue) => [issue.path, issue.rule]),
    [['data.post', 'declared-post']],
  );
  t.regex(
    refusedPost.left.issues[0]!.message,
    /^"Kanslipersonl" is not a declared post of område administrativa in 2022: must be one of: Övrigt, Kanslipersonal, Lokal, Styrelse och revision, Utvärdering, Medlemsavgift NNS$/,
  );
  const refusedMember = await ledger.record(
    'MedlemsbidragMottaget',
    {
      datum: '2022-12-30',
      medlem: 'Täby',
      medlemskategori: 'kommun',
      period: '2022 tillägg',
      belopp: '100.00',
    },
    { metadata },
  )();
  t.deepEqual(E.isLeft(refusedMember) ? refusedMember.left.issues.map((issue) => issue.rule) : [], [
    'declared-member',
  ]);
  const wrongInsats = await ledger.record(
    'KostnadBokförd',
    { ...cost, område: 'operativa', post: 'ESF Projekt', insats: 'MIA Roslagen' },
    { metadata },
  )();
  t.deepEqual(E.isLeft(wrongInsats) ? wrongInsats.left.issues.map((issue) => issue.message) : [], [
    '"MIA Roslagen" is not a declared insats in område operativa in 2022: must be one of: MIA vidare Roslagen, Efter MIA vidare Roslagen',
  ]);
  const wrongUnderpost = await ledger.record(
    'KostnadBokförd',
    { ...cost, post: 'Övrigt', underpost: 'Resa' },
    { metadata },
  )();
  t.deepEqual(
    E.isLeft(wrongUnderpost)
      ? wrongUnderpost.left.issues.map((issue) => [issue.path, issue.rule])
      : [],
    [['data.underpost', 'declared-underpost']],
  );
  t.regex(
    E.isLeft(wrongUnderpost) ? wrongUnderpost.left.message : '',
    /must be one of: Kanslistöd- ekonomi \/ GDPR, Resor, /,
  );
  const after = (await ledger.state()()) as E.Right<{ balances: Map<string, unknown> }>;
  t.deepEqual(after.right.balances, before.right.balances, 'nothing was written');
});
