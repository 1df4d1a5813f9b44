import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import * as E from 'fp-ts/Either';
import { createLedger } from '@finsam-ledger/core';
import {
  buildChildScript,
  killAtRandomMoment,
  openOk,
  temporaryDirectory,
} from './fileStore.testSupport.js';
import { verifyFileEventStore } from './verify.js';

/**
 * The crash test of a ledger that keeps `recordAll` calls in flight (a bulk load: the ledger
 * checks the next batches while one is appended, and appends those checked meanwhile together):
 * a child records costs that way and is killed with SIGKILL at a random moment, over and over,
 * each next child going on with the same store. After every kill the store must verify, every
 * call the child saw acknowledged must be stored, in order, and the books must hold each stored
 * cost once, numbered without a gap or a repeat: what a ledger opened afterwards folds.
 *
 * `FINSAM_LEDGER_CRASH_ITERATIONS` sets the number of kills (30 by default).
 */
const iterations = Number(process.env['FINSAM_LEDGER_CRASH_ITERATIONS'] ?? 30);
const killDelayMsMin = 150;
const killDelayMsMax = 900;
const killsPerStore = 10;

/**
 * Whether the store verifies, holds every acknowledged event in the order acknowledged, and
 * folds into books with each cost once and every verifikation numbered once, without gaps;
 * returns how many events it holds.
 */
async function booksHoldAcknowledged(
  t: ExecutionContext,
  path: string,
  acknowledged: readonly string[],
  iteration: number,
): Promise<number | undefined> {
  const report = await verifyFileEventStore({ path })();
  if (E.isLeft(report)) throw report.left;
  t.true(report.right.ok, `iteration ${iteration}: ${report.right.problem?.message}`);
  if (!report.right.ok) return undefined;
  const reader = await openOk(path, { mode: 'read-only' });
  const positionOf = new Map<string, number>();
  const numbers: string[] = [];
  let costs = 0;
  let openings = 0;
  for await (const event of reader.readAll()) {
    positionOf.set(event.eventId, event.globalPosition);
    numbers.push(...((event.metadata['verifikationsnummer'] as string[] | undefined) ?? []));
    if (event.type === 'KostnadBokförd') costs += 1;
    if (event.type === 'IngåendeBalansRegistrerad') openings += 1;
  }
  let previous = -1;
  for (const eventId of acknowledged) {
    const position = positionOf.get(eventId);
    t.true(position !== undefined && position > previous, `iteration ${iteration}: ${eventId}`);
    previous = position ?? previous;
  }
  const state = await createLedger({ store: reader, förbundId: 'krasch' }).state()();
  await reader.close();
  if (E.isLeft(state)) throw state.left;
  // The opening balance once, then one verifikation per cost, each number once. The kill may
  // come before the first child of a store has stored its opening balance (the kill delay starts
  // at `ready`, and a loaded machine can take longer than the delay to record it): then the store
  // holds nothing, and the next child records it.
  t.true(
    openings === 1 || positionOf.size === 0,
    `iteration ${iteration}: the opening balance once`,
  );
  t.is(positionOf.size, costs + openings, `iteration ${iteration}: nothing but costs after it`);
  t.is(new Set(numbers).size, costs + openings, `iteration ${iteration}: every number once`);
  t.is(state.right.numbering.next(2021), costs + openings + 1, `iteration ${iteration}: no gap`);
  t.is(
    state.right.balances.get('1930')?.toString(),
    openings === 0 ? undefined : (100_000 - 1_250 * costs).toFixed(2),
    `iteration ${iteration}: the bank paid each stored cost once`,
  );
  return positionOf.size;
}

test(`a ledger with calls in flight, killed at ${iterations} random moments, never loses an acknowledged call and books each stored cost once`, async (t) => {
  t.true(Number.isSafeInteger(iterations) && iterations > 0);
  t.timeout(60_000 + iterations * 5_000);
  const directory = await temporaryDirectory(t);
  const script = await buildChildScript(directory);
  let path = '';
  let acknowledged: string[] = [];
  let acknowledgedCount = 0;
  let storedUnacknowledged = 0;
  let killsAfterAcknowledgement = 0;
  for (let iteration = 0; iteration < iterations; iteration += 1) {
    if (iteration % killsPerStore === 0) {
      path = join(directory, `ledger-crash-${iteration / killsPerStore}.jsonl`);
      acknowledgedCount += acknowledged.length;
      acknowledged = [];
    }
    // Every second kill counts its delay from the child's first acknowledged call: each of those
    // kills has acknowledged work to keep on any machine; the others may land before any write.
    const from = iteration % 2 === 1 ? 'first-ack' : 'ready';
    const killed = await killAtRandomMoment(t, script, 'ledger-loop', path, {
      iteration,
      delayMsMin: killDelayMsMin,
      delayMsMax: killDelayMsMax,
      from,
    });
    if (from === 'first-ack') killsAfterAcknowledgement += 1;
    acknowledged.push(...killed.acknowledged);
    const stored = await booksHoldAcknowledged(t, path, acknowledged, iteration);
    if (stored === undefined) return;
    // Stored beyond the calls acknowledged: an append the kill cut off before it was answered.
    if (stored > acknowledged.length + 1) storedUnacknowledged += 1;
  }
  acknowledgedCount += acknowledged.length;
  // No count of acknowledged events is required: how many a child acknowledges before its kill is
  // the machine's speed. Every second kill came after an acknowledged call, whose events the
  // checks above found stored, in order, on any machine.
  t.log(
    `${iterations} kills (${killsAfterAcknowledgement} after an acknowledged call), ${acknowledgedCount} acknowledged events, ${storedUnacknowledged} kills after an append was stored but before its calls were answered`,
  );
});
