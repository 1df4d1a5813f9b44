import { readFileSync } from 'node:fs';
import test from 'ava';
import * as E from 'fp-ts/Either';
import { decodeBookkeepingEvents, postEvents, runProjection } from '@finsam-ledger/core';
import { collectAsync } from '@finsam-ledger/core/store';
import {
  costsPerOmråde,
  journal,
  ownProjection,
  recordTwice,
  recordYear,
  statement,
} from './concepts.example.js';

test('concepts: a refused event names its rule and writes nothing', async (t) => {
  const { refusedCode } = await recordYear();
  t.is(refusedCode, 'SETTLEMENT_EXCEEDS_OPEN_AMOUNT');
});

test('concepts: a retry with an id from eventIdFromKey books once', async (t) => {
  t.deepEqual(await recordTwice(), { alreadyStored: [false, true], verifikationer: 1 });
});

test('concepts: each event becomes a balanced, numbered verifikation', async (t) => {
  t.deepEqual(await journal(), [
    '2020-1 2020-01-01 Ingående balans: 1930 500000.00, 2091 -500000.00',
    '2020-2 2020-01-15 Medlemsbidrag Staten (Försäkringskassan/Arbetsförmedlingen) 2020 kv 1: 1930 750000.00, 3985 -750000.00',
    '2020-3 2020-03-31 Arbetsträning mars: 4010 33000.00, 1650 8250.00, 2440 -41250.00',
    '2020-4 2020-03-31 Kanslipersonal mars: 6010 80000.00, 1930 -80000.00',
    '2020-5 2020-04-30 Betalning leverantörsskuld F-2020-17: 2440 41250.00, 1930 -41250.00',
  ]);
});

test('concepts: a projection of your own is a pure fold', async (t) => {
  t.deepEqual(await ownProjection(), {
    '2020 administrativa': '80000.00',
    '2020 operativa': '33000.00',
  });
});

test('concepts: the projection counts a correction, since it reads the verifikationer', async (t) => {
  const { ledger, store } = await recordYear();
  const events = await collectAsync(decodeBookkeepingEvents(store.readStream(ledger.streamId)));
  const kansli = events.find(
    (event) => event.type === 'KostnadBokförd' && event.data.text === 'Kanslipersonal mars',
  );
  const corrected = await ledger.correct(kansli!.eventId, '2020-06-30', 'Fel förbund', {
    metadata: { recordedAt: '2020-12-31T16:00:00.000Z', recordedBy: 'ekonom' },
  })();
  t.true(E.isRight(corrected));
  const costs = await runProjection(
    postEvents(decodeBookkeepingEvents(store.readStream(ledger.streamId)), ledger.chart),
    costsPerOmråde(ledger.chart),
  );
  t.deepEqual(costs, { '2020 administrativa': '0.00', '2020 operativa': '33000.00' });
  const { resultaträkning } = await ledger.statements(2020);
  const rr = resultaträkning.rows.find((row) => row.key === 'verksamhetens-kostnader')!;
  t.is(rr.amounts[0]!.toString(), '-33000.00');
});

test('concepts: the resultaträkning', async (t) => {
  const text = await statement();
  t.regex(text, /^ {2}Verksamhetens intäkter\s+1\s+750 000$/m);
  t.regex(text, /^ {2}Verksamhetens kostnader\s+2\s+-113 000$/m);
  t.regex(text, /^ {2}Årets resultat\s+637 000$/m);
});

test('the README shows the projection example as the tests run it', (t) => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const example = readFileSync(new URL('./concepts.example.ts', import.meta.url), 'utf8');
  const projection = example.slice(
    example.indexOf('export const costsPerOmråde'),
    example.indexOf('export async function ownProjection()'),
  );
  t.true(projection.length > 200, 'the example still defines costsPerOmråde');
  t.true(readme.includes(projection.trimEnd()), 'README has the projection word for word');
});
