import { createHash } from 'node:crypto';

/**
 * The event id of the history event called `name`: the first 128 bits of the SHA-256 of
 * `roslagen-bokforing:<name>`, shaped as a version-4 UUID (version nibble 4, variant 8),
 * lower-case hex. The same name gives the same id on every run, so the history is the same
 * bytes every time and recording it again is an idempotent no-op.
 */
export function historyEventId(name: string): string {
  const hex = createHash('sha256').update(`roslagen-bokforing:${name}`, 'utf8').digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
