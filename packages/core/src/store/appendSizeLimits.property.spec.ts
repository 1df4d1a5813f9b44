import test from 'ava';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { newEventId } from '../privacy/newEventId.js';
import { validateNewEvents } from './appendRules.js';
import { envelopeLimits } from './EventEnvelope.js';

/**
 * The size limits of an append (issue 15, perf-store-lean): the store counts an event's data
 * exactly only once the bound of three bytes per UTF-16 unit no longer proves the limits kept.
 * Every append must be refused, or not, exactly as counting every event's bytes would refuse it:
 * the same rule, the same event, the same byte count in the message. The data's texts are sized
 * around the limits in characters of one to four bytes, so that the bound often exceeds a limit
 * the exact count keeps.
 */

/** What counting every event exactly refuses, in order: the rule, the path and the message. */
function exactRefusal(
  events: readonly { data: unknown; metadata: unknown }[],
): { rule: string; path: string; message: string } | undefined {
  let appendBytes = 0;
  for (const [index, event] of events.entries()) {
    const dataBytes = Buffer.byteLength(JSON.stringify(event.data), 'utf8');
    appendBytes += dataBytes + Buffer.byteLength(JSON.stringify(event.metadata), 'utf8');
    if (dataBytes > envelopeLimits.eventDataBytesMax)
      return {
        rule: 'event-data-bytes-max',
        path: `events[${index}].data`,
        message: `${dataBytes} bytes`,
      };
    if (appendBytes > envelopeLimits.appendBytesMax)
      return {
        rule: 'append-bytes-max',
        path: `events[${index}]`,
        message: `over ${envelopeLimits.appendBytesMax} bytes in one append`,
      };
  }
  return undefined;
}

const character = fc.constantFrom('x', 'ö', '€', '😀');
const sizedText = fc
  .tuple(character, fc.integer({ min: 0, max: 600_000 }))
  .map(([unit, count]) => unit.repeat(Math.ceil(count / unit.length)));
const event = fc.tuple(sizedText, fc.constantFrom('', 'å', 'ärende-1')).map(([text, note]) => ({
  eventId: newEventId(),
  type: 'TestHändelse',
  schemaVersion: 1,
  data: { text, note },
  metadata: { recordedAt: '2020-03-31T12:00:00.000Z', recordedBy: `insamling ${note}` },
}));

test('an append is refused for its size exactly as counting every event in bytes would refuse it', (t) => {
  fc.assert(
    fc.property(fc.array(event, { minLength: 1, maxLength: 5 }), (events) => {
      const checked = validateNewEvents(events);
      const expected = exactRefusal(events);
      if (expected === undefined) return t.true(E.isRight(checked));
      if (E.isRight(checked)) return t.fail(`accepted, expected ${expected.rule}`);
      t.deepEqual(checked.left.issues[0], expected);
    }),
    { numRuns: 150 },
  );
});

test('an append of small events is never counted past its bound, and one just over a limit is refused with its exact bytes', (t) => {
  const small = Array.from({ length: 100 }, () => ({
    eventId: newEventId(),
    type: 'TestHändelse',
    schemaVersion: 1,
    data: { text: 'Medlemsbidrag från Täby kommun' },
    metadata: { recordedAt: '2020-03-31T12:00:00.000Z', recordedBy: 'ekonom' },
  }));
  t.true(E.isRight(validateNewEvents(small)));
  // 349 526 'ö' are 699 052 bytes in UTF-8 (the bound says 1 048 578: over the limit), and
  // the JSON's quotes and member name make the data 699 063 bytes: within it.
  const withinByBytes = { ...small[0]!, eventId: newEventId(), data: { t: 'ö'.repeat(349_526) } };
  t.true(E.isRight(validateNewEvents([withinByBytes])));
  const over = { ...small[0]!, eventId: newEventId(), data: { t: '€'.repeat(349_600) } };
  const refused = validateNewEvents([over]);
  t.deepEqual(E.isLeft(refused) ? refused.left.issues[0] : undefined, {
    path: 'events[0].data',
    rule: 'event-data-bytes-max',
    message: `${3 * 349_600 + 8} bytes`,
  });
});
