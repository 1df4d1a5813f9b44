/**
 * Replays a synthetic förbund history of N events through decode → post → totals, and
 * samples the heap after garbage collection along the way. The core streams: the heap
 * should stay flat however many events pass.
 *
 *   node --expose-gc --import tsx --conditions=finsam-source bench/core/replayMemory.ts 1000000
 *   node --expose-gc --import tsx --conditions=finsam-source bench/core/replayMemory.ts 1000000
 * report
 *
 * With `report`, every sixth cost is an invoice owed and paid by the next event, and the
 * whole annual report of 2025 (with Not 3 and Not 4's open items at that year end) is
 * computed in the same pass.
 */
import {
  defaultChart,
  mainStatements,
  postEvents,
  decodeBookkeepingEvents,
  ledgerTotalsProjection,
  replayAnnualReport,
  runProjection,
  rowOf,
  type StoredEvent,
} from '@finsam-ledger/core';

const eventCount = Number(process.argv[2] ?? 200_000);
const withReport = process.argv[3] === 'report';
const metadata = { recordedAt: '2020-01-01T00:00:00.000Z', recordedBy: 'bench' };
const heapSamplesMb: { events: number; heapMb: number }[] = [];

function uuidOf(index: number): string {
  const hex = index.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

async function* syntheticHistory(): AsyncGenerator<StoredEvent> {
  const base = { streamId: 'bokforing-bench', schemaVersion: 1, metadata };
  yield {
    ...base,
    eventId: uuidOf(0),
    type: 'IngåendeBalansRegistrerad',
    streamRevision: 0,
    globalPosition: 0,
    data: {
      datum: '2020-01-01',
      text: 'IB',
      kassaOchBank: '1000000.00',
      momsfordran: '0',
      balanseratResultat: '1000000.00',
      öppnaPoster: [],
    },
  };
  for (let index = 1; index < eventCount; index += 1) {
    // Spread the events over ten years so that statements have work to do.
    const year = 2020 + Math.floor((index * 10) / eventCount);
    const day = `${year}-${String(1 + (index % 12)).padStart(2, '0')}-15`;
    const owed = withReport && index % 6 === 1;
    const paysPrevious = withReport && index % 6 === 2;
    const [type, data] =
      index % 3 === 0
        ? [
            'MedlemsbidragMottaget',
            {
              datum: day,
              medlem: 'Täby kommun',
              medlemskategori: 'kommun',
              period: String(year),
              belopp: '363333.33',
            },
          ]
        : paysPrevious
          ? [
              'LeverantörsskuldBetald',
              { datum: day, postId: `LS-${index - 1}`, belopp: '181666.66' },
            ]
          : [
              'KostnadBokförd',
              {
                datum: day,
                område: index % 2 === 0 ? 'operativa' : 'administrativa',
                post: `Post ${index % 10}`,
                belopp: '181666.66',
                moms: '0.00',
                text: `Kostnad ${index}`,
                betalning: owed
                  ? { sätt: 'leverantörsskuld', postId: `LS-${index}` }
                  : { sätt: 'bank' },
              },
            ];
    yield {
      ...base,
      eventId: uuidOf(index),
      type,
      streamRevision: index,
      globalPosition: index,
      data,
    };
    if (index % Math.floor(eventCount / 10) === 0) {
      (globalThis as { gc?: () => void }).gc?.();
      heapSamplesMb.push({
        events: index,
        heapMb: Math.round(process.memoryUsage().heapUsed / 1_048_576),
      });
    }
  }
}

const started = process.hrtime.bigint();
let result: string;
if (withReport) {
  const report = await replayAnnualReport(syntheticHistory(), 2025);
  result = `${rowOf(report.resultaträkning, 'årets-resultat').amounts[0]!.toString()} (Not 2 rows: ${report.not2.rows.length}, Not 4 rows: ${report.not4.rows.length})`;
} else {
  const totals = await runProjection(
    postEvents(decodeBookkeepingEvents(syntheticHistory()), defaultChart),
    ledgerTotalsProjection(defaultChart),
  );
  result = rowOf(
    mainStatements(totals, 2029).resultaträkning,
    'årets-resultat',
  ).amounts[0]!.toString();
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(
  JSON.stringify(
    {
      eventCount,
      seconds: Math.round(seconds * 10) / 10,
      eventsPerSecond: Math.round(eventCount / seconds),
      result,
      heapSamplesMb,
      rssMbAtEnd: Math.round(process.memoryUsage().rss / 1_048_576),
    },
    null,
    1,
  ),
);
