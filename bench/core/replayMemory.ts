/**
 * Replays a synthetic förbund history of N events through decode → post → totals, and
 * samples the heap after garbage collection along the way. The core streams: the heap
 * should stay flat however many events pass.
 *
 *   node --expose-gc --import tsx --conditions=finsam-source bench/core/replayMemory.ts 1000000
 */
import { defaultChart, mainStatements, postEvents, decodeBookkeepingEvents, ledgerTotalsProjection, runProjection, rowOf, type StoredEvent } from '@finsam-ledger/core';

const eventCount = Number(process.argv[2] ?? 200_000);
const metadata = { recordedAt: '2020-01-01T00:00:00.000Z', recordedBy: 'bench' };
const heapSamplesMb: { events: number; heapMb: number }[] = [];

function uuidOf(index: number): string {
  const hex = index.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

async function* syntheticHistory(): AsyncGenerator<StoredEvent> {
  const base = { streamId: 'bokforing-bench', schemaVersion: 1, metadata };
  yield { ...base, eventId: uuidOf(0), type: 'IngåendeBalansRegistrerad', streamRevision: 0, globalPosition: 0, data: { datum: '2020-01-01', text: 'IB', kassaOchBank: '1000000.00', momsfordran: '0', balanseratResultat: '1000000.00', öppnaPoster: [] } };
  for (let index = 1; index < eventCount; index += 1) {
    // Spread the events over ten years so that statements have work to do.
    const year = 2020 + Math.floor((index * 10) / eventCount);
    const day = `${year}-${String(1 + (index % 12)).padStart(2, '0')}-15`;
    const data =
      index % 3 === 0
        ? { datum: day, medlem: 'Täby kommun', medlemskategori: 'kommun', period: String(year), belopp: '363333.33' }
        : { datum: day, område: index % 2 === 0 ? 'operativa' : 'administrativa', post: 'Post', belopp: '181666.66', moms: '0.00', text: `Kostnad ${index}`, betalning: { sätt: 'bank' } };
    yield { ...base, eventId: uuidOf(index), type: index % 3 === 0 ? 'MedlemsbidragMottaget' : 'KostnadBokförd', streamRevision: index, globalPosition: index, data };
    if (index % Math.floor(eventCount / 10) === 0) {
      (globalThis as { gc?: () => void }).gc?.();
      heapSamplesMb.push({ events: index, heapMb: Math.round(process.memoryUsage().heapUsed / 1_048_576) });
    }
  }
}

const started = process.hrtime.bigint();
const totals = await runProjection(postEvents(decodeBookkeepingEvents(syntheticHistory()), defaultChart), ledgerTotalsProjection(defaultChart));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const result = rowOf(mainStatements(totals, 2029).resultaträkning, 'årets-resultat').amounts[0]!.toString();
console.log(JSON.stringify({ eventCount, seconds: Math.round(seconds * 10) / 10, eventsPerSecond: Math.round(eventCount / seconds), result2029: result, heapSamplesMb, rssMbAtEnd: Math.round(process.memoryUsage().rss / 1_048_576) }, null, 1));
