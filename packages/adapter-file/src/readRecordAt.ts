import type { FileHandle } from 'node:fs/promises';
import * as E from 'fp-ts/Either';
import { decodeEventRecordLine, fileStoreLimits, type EventRecord } from './format.js';

/** A record read at an offset, and the bytes of its line (newline included). */
export interface RecordAt {
  readonly record: EventRecord;
  readonly lineBytes: number;
}

/**
 * The record whose line starts at `offsetBytes`, decoded and its checksum checked, when a whole
 * line (ending in a newline, before `endBytes`) is there and is a record; `undefined` otherwise.
 * What a derived index points at is read this way and compared with what the index says.
 */
export async function readRecordAt(
  file: FileHandle,
  offsetBytes: number,
  endBytes: number,
): Promise<RecordAt | undefined> {
  const length = Math.min(fileStoreLimits.recordBytesMax, endBytes - offsetBytes);
  if (length <= 0 || offsetBytes < 0) return undefined;
  let buffer = Buffer.alloc(Math.min(length, 8192));
  for (;;) {
    const { bytesRead } = await file.read(buffer, 0, buffer.length, offsetBytes);
    const newline = buffer.subarray(0, bytesRead).indexOf(0x0a);
    if (newline !== -1) {
      const decoded = decodeEventRecordLine(buffer.subarray(0, newline));
      return E.isRight(decoded) ? { record: decoded.right, lineBytes: newline + 1 } : undefined;
    }
    if (bytesRead < buffer.length || buffer.length >= length) return undefined;
    buffer = Buffer.alloc(Math.min(length, buffer.length * 8));
  }
}

/** The line number of the line starting at `offsetBytes`, counted from a known line start. */
export async function lineNumberAt(
  file: FileHandle,
  from: { readonly offsetBytes: number; readonly lineNumber: number },
  offsetBytes: number,
): Promise<number> {
  let lineNumber = from.lineNumber;
  const buffer = Buffer.alloc(fileStoreLimits.readChunkBytes);
  for (let at = from.offsetBytes; at < offsetBytes;) {
    const { bytesRead } = await file.read(buffer, 0, Math.min(buffer.length, offsetBytes - at), at);
    if (bytesRead === 0) break;
    for (let index = 0; index < bytesRead; index += 1) if (buffer[index] === 0x0a) lineNumber += 1;
    at += bytesRead;
  }
  return lineNumber;
}
