import test from 'ava';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import {
  checkpointFormat,
  openCheckpoint,
  sealCheckpoint,
  sealCheckpointOfStateJson,
  type CheckpointBody,
} from './checkpointEnvelope.js';

// The write side seals from the state's JSON, made at the year close, straight into the buffer
// the storage writes, sized from the characters. Its text must be sealCheckpoint's for the same
// body (the checkpoint files stay byte for byte what they were), its bytes that text's UTF-8,
// whatever the state: ASCII or not, a little or mostly; and the text opens with its digest.

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

const sealedFromStateJson = async (state: unknown, streamId: string) => {
  const { state: _state, ...head } = body(state, streamId);
  const sealed = await sealCheckpointOfStateJson(head, JSON.stringify(state));
  return { text: sealed.text, bytes: Buffer.from(sealed.bytes) };
};

test('a checkpoint sealed from its state’s JSON is sealCheckpoint’s text, in UTF-8, and opens', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.jsonValue(), fc.string({ unit: 'grapheme' }), async (state, streamId) => {
      const expected = await sealCheckpoint(body(state, streamId));
      const { text, bytes } = await sealedFromStateJson(state, streamId);
      if (text !== expected || !bytes.equals(Buffer.from(expected, 'utf8'))) return false;
      return E.isRight(await openCheckpoint(bytes.toString('utf8')));
    }),
    { numRuns: 300 },
  );
  t.pass();
});

test('a state with Swedish letters is sealed to the same bytes as its text', async (t) => {
  const state = { konto: '2440 Leverantörsskulder', text: 'Återbetalning – år' };
  const { text, bytes } = await sealedFromStateJson(state, 'ö/1');
  t.is(text, await sealCheckpoint(body(state, 'ö/1')));
  t.deepEqual(bytes, Buffer.from(text, 'utf8'));
  t.true(bytes.length > text.length);
});

test('a state mostly of characters beyond ASCII is sealed whole', async (t) => {
  // Three bytes a character, more than the first buffer has room for: a larger one is made.
  const wide = { text: '€'.repeat(20_000), konto: 'Återföring' };
  const { text, bytes } = await sealedFromStateJson(wide, 'bokforing-1');
  t.is(text, await sealCheckpoint(body(wide, 'bokforing-1')));
  t.deepEqual(bytes, Buffer.from(text, 'utf8'));
  t.true(E.isRight(await openCheckpoint(bytes.toString('utf8'))));
});
