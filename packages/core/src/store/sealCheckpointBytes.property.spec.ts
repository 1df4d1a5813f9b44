import test from 'ava';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import {
  checkpointFormat,
  openCheckpoint,
  sealCheckpoint,
  sealCheckpointBytes,
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
