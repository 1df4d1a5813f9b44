import * as crypto from 'node:crypto';
import { assert } from '@finsam-ledger/core/store';

/**
 * How a line of the store is sealed: the line is a JSON object whose last member is
 * `"hash"`, and that hash is the SHA-256 (lower-case hex) of every byte of the line
 * before `,"hash":"`. Because each event record also holds `"prev"` (the hash of the line
 * before it), the hashes form a chain from the header to the last record: changing,
 * removing, inserting or moving any line breaks the chain at that line.
 *
 * Hashing the bytes as written, not a re-serialisation, means that verification needs no
 * canonical form: one flipped byte anywhere in the line changes the hash.
 */

const hashMarker = Buffer.from(',"hash":"', 'utf8');
const hexPattern = /^[0-9a-f]{64}$/;

/** Length in bytes of a SHA-256 hash in lower-case hex. */
export const hashHexLength = 64;

/** Bytes that sealing adds after the body: `,"hash":"` + 64 hex digits + `"}`. */
export const sealSuffixBytes = hashMarker.length + hashHexLength + 2;

/** SHA-256 of `bytes` in lower-case hex. */
export function sha256Hex(bytes: Uint8Array | string): string {
  // `crypto.hash` (Node 20.12+) hashes in one call, several times faster for short lines
  // than a Hash object; older Nodes fall back to the Hash object.
  return oneShotHash === undefined
    ? crypto.createHash('sha256').update(bytes).digest('hex')
    : oneShotHash('sha256', bytes, 'hex');
}

const oneShotHash = (
  crypto as unknown as {
    hash?: (algorithm: string, data: Uint8Array | string, encoding: 'hex') => string;
  }
).hash;

/** A sealed line: its bytes (with the trailing newline) and its hash. */
export interface SealedLine {
  readonly bytes: Buffer;
  readonly hash: string;
}

/**
 * Seals the JSON text of an object (as produced by `JSON.stringify`, ending in `}`) by
 * appending its hash as the last member, and a newline.
 */
export function sealLine(objectJson: string): SealedLine {
  assert(
    objectJson.startsWith('{') && objectJson.endsWith('}') && objectJson.length > 2,
    'only a non-empty JSON object can be sealed',
  );
  const prefix = Buffer.from(objectJson.slice(0, -1), 'utf8');
  const hash = sha256Hex(prefix);
  const bytes = Buffer.concat([
    prefix,
    hashMarker,
    Buffer.from(hash, 'ascii'),
    Buffer.from('"}\n', 'ascii'),
  ]);
  return { bytes, hash };
}

/** What {@link unsealLine} found: the hash the line claims and the hash its bytes have. */
export interface UnsealedLine {
  readonly claimedHash: string;
  readonly computedHash: string;
}

/**
 * Reads the seal of a line (without its newline). Returns `undefined` when the line does
 * not end in `,"hash":"<64 hex digits>"}`, i.e. it was never sealed or its end was damaged.
 */
export function unsealLine(line: Buffer): UnsealedLine | undefined {
  if (line.length <= sealSuffixBytes) return undefined;
  const markerStart = line.length - sealSuffixBytes;
  if (!line.subarray(markerStart, markerStart + hashMarker.length).equals(hashMarker))
    return undefined;
  if (line[line.length - 2] !== 0x22 || line[line.length - 1] !== 0x7d) return undefined;
  const claimedHash = line.toString('latin1', markerStart + hashMarker.length, line.length - 2);
  if (!hexPattern.test(claimedHash)) return undefined;
  return { claimedHash, computedHash: sha256Hex(line.subarray(0, markerStart)) };
}

/** True if `value` looks like a SHA-256 hash in lower-case hex. */
export const isHashHex = (value: unknown): value is string =>
  typeof value === 'string' && hexPattern.test(value);
