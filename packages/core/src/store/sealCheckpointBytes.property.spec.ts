import test from 'ava';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import {
  checkpointFormat,
  openCheckpoint,
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

// The write side seals from the state's JSON, made at the year close, straight into the buffer
// the storage writes, sized from the characters. Its text and bytes must be sealCheckpointBytes'
// for the same body, whatever the state: ASCII or not, a little or mostly.
const sealedFromStateJson = async (state: unknown, streamId: string) => {
  const { state: _state, ...head } = body(state, streamId);
  const sealed = await sealCheckpointOfStateJson(head, JSON.stringify(state));
  return { text: sealed.text, bytes: Buffer.from(sealed.bytes) };
};

test('a checkpoint sealed from its state’s JSON is byte for byte the one sealed from the body', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.jsonValue(), fc.string({ unit: 'grapheme' }), async (state, streamId) => {
      const expected = await sealCheckpointBytes(body(state, streamId));
      const { text, bytes } = await sealedFromStateJson(state, streamId);
      return text === expected.text && bytes.equals(expected.bytes);
    }),
    { numRuns: 300 },
  );
  t.pass();
});

test('a state mostly of characters beyond ASCII is sealed whole', async (t) => {
  // Three bytes a character, more than the first buffer has room for: a larger one is made.
  const wide = { text: '€'.repeat(20_000), konto: 'Återföring' };
  const { text, bytes } = await sealedFromStateJson(wide, 'bokforing-1');
  const expected = await sealCheckpointBytes(body(wide, 'bokforing-1'));
  t.is(text, expected.text);
  t.deepEqual(bytes, Buffer.from(expected.bytes));
  t.true(E.isRight(await openCheckpoint(bytes.toString('utf8'))));
});
