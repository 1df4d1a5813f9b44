import test from 'ava';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import {
  checkpointFormat,
  openCheckpoint,
  releaseSealedBytes,
  sealCheckpoint,
  sealCheckpointBytes,
  sealCheckpointOfStateJson,
  type CheckpointBody,
} from './checkpointEnvelope.js';

// The write side hands a storage the bytes it hashed while sealing, so that the state is not
// encoded twice. Those bytes must be exactly the UTF-8 of the text sealCheckpoint writes (the
// checkpoint files stay byte for byte the same), and that text must open with its digest.

const body = (state: unknown, streamId: string): CheckpointBody => ({
  format: checkpointFormat,
  projection: 'bookkeeping-decider',
  codeVersion: 2,
  streamId,
  year: 2024,
  revision: 41,
  chainHash: 'ab'.repeat(32),
  variant: 'chart-fingerprint',
  state,
});

test('the sealed bytes are the UTF-8 of the sealed text, which opens with its digest', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.jsonValue(), fc.string({ unit: 'grapheme' }), async (state, streamId) => {
      const checkpoint = body(state, streamId);
      const text = await sealCheckpoint(checkpoint);
      const sealed = await sealCheckpointBytes(checkpoint);
      if (sealed.text !== text) return false;
      if (!Buffer.from(text, 'utf8').equals(sealed.bytes)) return false;
      return E.isRight(await openCheckpoint(new TextDecoder().decode(sealed.bytes)));
    }),
    { numRuns: 200 },
  );
  t.pass();
});

test('a state with Swedish letters is sealed to the same bytes either way', async (t) => {
  const checkpoint = body({ konto: '2440 Leverantörsskulder', text: 'Återbetalning – år' }, 'ö/1');
  const sealed = await sealCheckpointBytes(checkpoint);
  t.is(sealed.text, await sealCheckpoint(checkpoint));
  t.deepEqual(Buffer.from(sealed.bytes), Buffer.from(sealed.text, 'utf8'));
  t.true(sealed.bytes.length > sealed.text.length);
});

// The write side seals from the state's JSON, made at the year close, into one buffer that the
// next seal writes into again once the storage has written it. Its text and bytes must be
// sealCheckpointBytes' for the same body, whatever the state and whatever an earlier seal left
// in the buffer: longer or shorter, ASCII or not.
const sealedFromStateJson = async (state: unknown, streamId: string) => {
  const { state: _state, ...head } = body(state, streamId);
  const sealed = await sealCheckpointOfStateJson(head, JSON.stringify(state));
  return { text: sealed.text, bytes: Buffer.from(sealed.bytes), sealed };
};

test('a checkpoint sealed from its state’s JSON is byte for byte the one sealed from the body, seal after seal', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.jsonValue(), fc.string({ unit: 'grapheme' })), {
        minLength: 1,
        maxLength: 4,
      }),
      async (checkpoints) => {
        for (const [state, streamId] of checkpoints) {
          const expected = await sealCheckpointBytes(body(state, streamId));
          const { text, bytes, sealed } = await sealedFromStateJson(state, streamId);
          if (text !== expected.text || !bytes.equals(expected.bytes)) return false;
          // Written: the next seal writes into its buffer.
          releaseSealedBytes(sealed);
        }
        return true;
      },
    ),
    { numRuns: 200 },
  );
  t.pass();
});

test('a state mostly of letters beyond ASCII is sealed whole, after a seal of a large ASCII state', async (t) => {
  const ascii = { postIds: Array.from({ length: 2_000 }, (_, index) => `LF-${index}`) };
  releaseSealedBytes((await sealedFromStateJson(ascii, 'bokforing-1')).sealed);
  // Three bytes a character, more than the buffer the ASCII state left: a larger one is made.
  const wide = { text: '€'.repeat(20_000), konto: 'Återföring' };
  const { text, bytes } = await sealedFromStateJson(wide, 'bokforing-1');
  const expected = await sealCheckpointBytes(body(wide, 'bokforing-1'));
  t.is(text, expected.text);
  t.deepEqual(bytes, Buffer.from(expected.bytes));
  t.true(E.isRight(await openCheckpoint(bytes.toString('utf8'))));
});
