/**
 * The example of docs/concepts.md: events in, verifikationer, a projection of your own,
 * and a statement out. Executed by concepts.example.unit.spec.ts.
 */
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import {
  Money,
  decodeBookkeepingEvents,
  createLedger,
  eventIdFromKey,
  postEvents,
  renderStatementText,
  runProjection,
  verifikationsnummer,
  type BookkeepingEvent,
  type Chart,
  type PostedEvent,
  type Projection,
} from '@finsam-ledger/core';
import { collectAsync } from '@finsam-ledger/core/store';

const metadata = { recordedAt: '2020-12-31T16:00:00.000Z', recordedBy: 'ekonom' };

/** 1. Record business events; the ledger checks each against the rules. */
export async function recordYear() {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'exempel' });
  const steps = [
    ledger.record(
      'IngåendeBalansRegistrerad',
      {
        datum: '2020-01-01',
        text: 'Ingående balans',
        kassaOchBank: '500000.00',
        momsfordran: '0.00',
        balanseratResultat: '500000.00',
        öppnaPoster: [],
      },
      { metadata },
    ),
    ledger.record(
      'MedlemsbidragMottaget',
      {
        datum: '2020-01-15',
        medlem: 'Staten (Försäkringskassan/Arbetsförmedlingen)',
        medlemskategori: 'staten',
        period: '2020 kv 1',
        belopp: '750000.00',
      },
      { metadata },
    ),
    ledger.record(
      'KostnadBokförd',
      {
        datum: '2020-03-31',
        område: 'operativa',
        post: 'Arbetsträning',
        insats: 'MIA',
        belopp: '33000.00',
        moms: '8250.00',
        text: 'Arbetsträning mars',
        motpart: 'ASF Berga',
        betalning: { sätt: 'leverantörsskuld', postId: 'F-2020-17' },
      },
      { metadata },
    ),
    ledger.record(
      'KostnadBokförd',
      {
        datum: '2020-03-31',
        område: 'administrativa',
        post: 'Kansli',
        belopp: '80000.00',
        text: 'Kanslipersonal mars',
        motpart: 'Österåkers kommun',
        betalning: { sätt: 'bank' },
      },
      { metadata },
    ),
    ledger.record(
      'LeverantörsskuldBetald',
      { datum: '2020-04-30', postId: 'F-2020-17', belopp: '41250.00' },
      { metadata },
    ),
  ];
  for (const step of steps) {
    const result = await step();
    if (E.isLeft(result)) throw result.left;
  }
  // A refusal: paying the same invoice again exceeds what is open, and nothing is written.
  const refused = await ledger.record(
    'LeverantörsskuldBetald',
    { datum: '2020-05-02', postId: 'F-2020-17', belopp: '41250.00' },
    { metadata },
  )();
  return { ledger, store, refusedCode: E.isLeft(refused) ? refused.left.code : 'accepted' };
}

/**
 * 2. The journal: each event became one balanced, numbered verifikation that keeps its event id.
 */
export async function journal() {
  const { ledger } = await recordYear();
  return (await collectAsync(ledger.verifikationer(2020))).map(
    (verifikation) =>
      `${verifikationsnummer(verifikation)} ${verifikation.datum} ${verifikation.text}: ${verifikation.rader.map((rad) => `${rad.konto} ${rad.belopp.toString()}`).join(', ')}`,
  );
}

/**
 * 3. A projection of your own: a pure fold over posted events, testable without a database.
 * Costs per year and område, in exact kronor.
 */
export const costsPerOmråde = (
  chart: Chart,
): Projection<PostedEvent<BookkeepingEvent>, Map<string, Money>, Record<string, string>> => ({
  name: 'costsPerOmråde',
  init: () => new Map(),
  // The verifikationer, not the events: a correction, an accrual reversed or a prepaid cost
  // taken into the year moves the costs too, with no case for each event type.
  apply(costs, { verifikationer }) {
    for (const verifikation of verifikationer) {
      if (verifikation.bokslut !== undefined) continue; // a year's close moves only the result
      for (const rad of verifikation.rader) {
        if (chart.account(rad.konto).line !== 'verksamhetens-kostnader') continue;
        const key = `${verifikation.år} ${rad.dimensioner?.område ?? '(utan område)'}`;
        costs.set(key, (costs.get(key) ?? Money.zero).plus(rad.belopp));
      }
    }
    return costs;
  },
  // Sorted the Swedish way, named so: the same order, and the same bytes, on every machine.
  result: (costs) =>
    Object.fromEntries(
      [...costs]
        .sort(([left], [right]) => left.localeCompare(right, 'sv'))
        .map(([key, amount]) => [key, amount.toString()]),
    ),
});

export async function ownProjection() {
  const { ledger, store } = await recordYear();
  // Any store's read works: decode, post, fold. Nothing is collected on the way.
  return runProjection(
    postEvents(decodeBookkeepingEvents(store.readStream(ledger.streamId)), ledger.chart),
    costsPerOmråde(ledger.chart),
  );
}

/** 4. A statement: the resultaträkning of 2020, in kr. */
export async function statement() {
  const { ledger } = await recordYear();
  const { resultaträkning } = await ledger.statements(2020);
  return renderStatementText(resultaträkning);
}

/**
 * 1b. A retry is safe with a stable id: the same key of your own system gives the same event id,
 * so recording it again books nothing new.
 */
export async function recordTwice() {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'exempel' });
  const eventId = await eventIdFromKey('bankfil-2020-01/rad-7');
  const contribution = {
    datum: '2020-01-15',
    medlem: 'Region Stockholm',
    medlemskategori: 'region',
    period: '2020 kv 1',
    belopp: '375000.00',
  } as const;
  const first = await ledger.record('MedlemsbidragMottaget', contribution, { metadata, eventId })();
  const again = await ledger.record('MedlemsbidragMottaget', contribution, { metadata, eventId })();
  if (E.isLeft(first) || E.isLeft(again)) throw new Error('the contribution was refused');
  return {
    alreadyStored: [first.right.alreadyStored, again.right.alreadyStored],
    verifikationer: (await collectAsync(ledger.verifikationer(2020))).length,
  };
}
