import * as E from 'fp-ts/Either';
import { assert } from '../error.js';

/** The value of a checkpoint's `format` member. */
export const checkpointFormat = 'finsam-ledger/checkpoint';

/**
 * What a checkpoint says about itself: which projection at which code version, saved at which
 * event of which stream, and the store's chain hash there. `state` is the projection's state,
 * serialised deterministically (money as decimal strings).
 */
export interface CheckpointBody {
  readonly format: typeof checkpointFormat;
  readonly projection: string;
  readonly codeVersion: number;
  readonly streamId: string;
  /** The closed year the checkpoint was saved at (after its RäkenskapsårStängt). */
  readonly year: number;
  /** The stream revision of the last event folded into the state. */
  readonly revision: number;
  /** The store's chain hash at that event (see `CheckpointStorage.chainHashAt`). */
  readonly chainHash: string;
  /** What else the state depends on (the chart's fingerprint), when anything does. */
  readonly variant?: string;
  readonly state: unknown;
}

/** Why a checkpoint's text was not accepted. */
export interface CheckpointDefect {
  readonly reason: 'malformed' | 'digest-mismatch';
  readonly message: string;
}

/** SHA-256 of a text in lower-case hex (Web Crypto: no Node import in the core). */
export async function sha256OfText(text: string): Promise<string> {
  return sha256OfBytes(new TextEncoder().encode(text));
}

async function sha256OfBytes(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * A checkpoint's text: `{"body":…,"digest":"<SHA-256 of the body's JSON>"}`. The digest makes an
 * altered or torn checkpoint detectable on load; it is no signature (whoever can write the
 * file can write a new digest), which is why a checkpoint is also checked against the store's
 * chain hash and is only ever derived data.
 */
export async function sealCheckpoint(body: CheckpointBody): Promise<string> {
  const bodyJson = JSON.stringify(body);
  return `{"body":${bodyJson},"digest":"${await sha256OfText(bodyJson)}"}\n`;
}

/** A checkpoint's text as {@link sealCheckpoint} writes it, and the same text in UTF-8. */
export interface SealedCheckpoint {
  readonly text: string;
  readonly bytes: Uint8Array;
}

/** A checkpoint's body without its state: what is known once its events are stored. */
export type CheckpointHead = Omit<CheckpointBody, 'state'>;

/** The sealed text's start, before the body's JSON. ASCII. */
const sealedPrefix = '{"body":';
/** The sealed text's end after the body's JSON (`,"digest":"<64 hex digits>"}` and a newline). */
const sealedSuffixBytes = ',"digest":""}\n'.length + 64;

/**
 * {@link sealCheckpoint} of `{ ...head, state }` with its UTF-8 bytes, given the state's JSON
 * (`JSON.stringify(state)`, made while the state was at hand): the same text and bytes, the
 * body's JSON being the head's with `"state":…` as its last member. The UTF-8 is written straight
 * into the buffer the storage writes, and the digest hashes the body's part of it: no separate
 * copy of the body's bytes.
 */
export async function sealCheckpointOfStateJson(
  head: CheckpointHead,
  stateJson: string,
): Promise<SealedCheckpoint> {
  const headJson = JSON.stringify(head);
  assert(
    typeof stateJson === 'string' && headJson.length > 2 && !('state' in head),
    'a checkpoint’s head has members other than its state, whose JSON is given',
  );
  // `{"body":{…head members…,"state":` … `}`: the head's closing brace is the body's.
  const bodyJsonPieces = [`${headJson.slice(0, -1)},"state":`, stateJson, '}'] as const;
  const characters = sealedPrefix.length + bodyJsonPieces[0].length + stateJson.length + 1;
  // An eighth more bytes than characters: room for some text beyond ASCII (two bytes a letter
  // such as å, three a character such as €); when that is not enough, room for the most there
  // can be, three bytes a UTF-16 code unit.
  const sealed =
    encodedBody(bodyJsonPieces, characters + (characters >> 3)) ??
    encodedBody(bodyJsonPieces, characters * 3)!;
  const { bytes, bodyEnd } = sealed;
  const digest = await sha256OfBytes(bytes.subarray(sealedPrefix.length, bodyEnd));
  const suffix = `,"digest":"${digest}"}\n`;
  new TextEncoder().encodeInto(suffix, bytes.subarray(bodyEnd));
  const bodyJson = `${bodyJsonPieces[0]}${stateJson}}`;
  return {
    text: `${sealedPrefix}${bodyJson}${suffix}`,
    bytes: bytes.subarray(0, bodyEnd + sealedSuffixBytes),
  };
}

/**
 * Writes the prefix and the body's JSON into a new buffer with room for `bodyBytes` and the
 * suffix, and returns it with where the body ends; `undefined` when they do not fit.
 */
function encodedBody(
  pieces: readonly string[],
  bodyBytes: number,
): { bytes: Uint8Array; bodyEnd: number } | undefined {
  const room = new Uint8Array(bodyBytes + sealedSuffixBytes);
  const encoder = new TextEncoder();
  let at = encoder.encodeInto(sealedPrefix, room).written;
  for (const piece of pieces) {
    const { read, written } = encoder.encodeInto(piece, room.subarray(at));
    at += written;
    if (read < piece.length) return undefined;
  }
  return at + sealedSuffixBytes <= room.length ? { bytes: room, bodyEnd: at } : undefined;
}

/** Reads a checkpoint's text and checks its digest; says what is wrong with it otherwise. */
export async function openCheckpoint(
  text: string,
): Promise<E.Either<CheckpointDefect, CheckpointBody>> {
  let parsed: { body?: unknown; digest?: unknown };
  try {
    parsed = JSON.parse(text) as { body?: unknown; digest?: unknown };
  } catch (error) {
    return E.left({ reason: 'malformed', message: `not JSON: ${(error as Error).message}` });
  }
  const body = parsed.body as Partial<CheckpointBody> | undefined;
  if (
    typeof parsed.digest !== 'string' ||
    body === undefined ||
    body.format !== checkpointFormat ||
    typeof body.projection !== 'string' ||
    typeof body.codeVersion !== 'number' ||
    typeof body.streamId !== 'string' ||
    typeof body.year !== 'number' ||
    typeof body.revision !== 'number' ||
    typeof body.chainHash !== 'string'
  )
    return E.left({ reason: 'malformed', message: 'not a checkpoint of this format' });
  const digest = await sha256OfText(bodyTextOf(text, parsed.digest) ?? JSON.stringify(body));
  if (digest !== parsed.digest)
    return E.left({
      reason: 'digest-mismatch',
      message: `its digest does not match its content (stored ${parsed.digest.slice(0, 12)}…, computed ${digest.slice(0, 12)}…)`,
    });
  return E.right(body as CheckpointBody);
}

/**
 * The body's JSON as {@link sealCheckpoint} wrote it, cut out of the text, or `undefined` for a
 * text of another layout. Hashing these characters instead of `JSON.stringify` of the parsed
 * body gives the same digest for a checkpoint written here (JSON.stringify of what JSON.parse
 * read gives back what JSON.stringify wrote), without a second copy of a large state.
 */
function bodyTextOf(text: string, digest: string): string | undefined {
  const prefix = '{"body":';
  const suffix = `,"digest":"${digest}"}`;
  const end = text.endsWith('\n') ? text.length - 1 : text.length;
  if (!text.startsWith(prefix) || text.lastIndexOf(suffix) !== end - suffix.length)
    return undefined;
  return text.slice(prefix.length, end - suffix.length);
}

/**
 * The file name of a checkpoint: projection, code version, stream and year, so that a new code
 * version never reads an old version's state.
 */
export const checkpointName = (
  projection: string,
  codeVersion: number,
  streamId: string,
  year: number,
): string => `${projection}.v${codeVersion}.${encodeURIComponent(streamId)}.${year}.json`;
