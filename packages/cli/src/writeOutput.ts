import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * A closed pipe (`finsam events | head -1`) ends the command quietly with exit code 0, as
 * `cat` and `grep` do: the reader has what it wanted. Without this, Node reports an
 * unhandled `EPIPE` error with a stack trace.
 */
export function endQuietlyOnClosedPipe(stream: Writable): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

/**
 * Writes `text` and waits while the stream's buffer is full, so that a long listing never
 * holds all of itself in memory.
 */
export async function writeWithBackpressure(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}
