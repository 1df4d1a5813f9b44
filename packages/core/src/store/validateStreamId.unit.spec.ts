import test from 'ava';
import * as E from 'fp-ts/Either';
import { validateStreamId } from './appendRules.js';

const accepted = 'förbund-2020';

const codeOf = (streamId: unknown): string | undefined => {
  const result = validateStreamId(streamId);
  return E.isLeft(result) ? result.left.code : undefined;
};

test('a stream id accepted once is accepted again by its text, and nothing else passes for it', (t) => {
  t.deepEqual(validateStreamId(accepted), E.right(accepted));
  // The same text made anew: the verdict is the text's.
  t.deepEqual(validateStreamId(['förbund', '2020'].join('-')), E.right(accepted));
  // Right after the accepted id, what is not a valid id is still refused, each for its own rule.
  for (const [streamId, code] of [
    [new String(accepted), 'INVALID_STREAM_ID'],
    [{ toString: () => accepted }, 'INVALID_STREAM_ID'],
    [undefined, 'INVALID_STREAM_ID'],
    ['', 'INVALID_STREAM_ID'],
    ['$förbund', 'INVALID_STREAM_ID'],
    [`${accepted} `, 'INVALID_STREAM_ID'],
    ['kund-19121212-1212', 'PERSONNUMMER_REFUSED'],
  ] as const) {
    t.is(validateStreamId(accepted)._tag, 'Right');
    t.is(codeOf(streamId), code, String(streamId));
  }
  t.deepEqual(validateStreamId(accepted), E.right(accepted));
});
