import type { FileHandle } from 'node:fs/promises';
import * as E from 'fp-ts/Either';
import { storeProblem, type StoreProblem } from './error.js';
import {
  describeDecodeErrors,
  fileStoreFormat,
  fileStoreFormatVersion,
  fileStoreLimits,
  HeaderCodec,
  type Header,
} from './format.js';
import { unsealLine } from './hashChain.js';

/** The header of a store, checked, with where the records start. */
export interface HeaderRead {
  readonly header: Header;
  /** The first link of the hash chain: the first record's `prev`. */
  readonly hash: string;
  /** Where line 2 (the first record) starts. */
  readonly recordsOffsetBytes: number;
}

/** Where every header problem is: line 1, byte 0. */
const place = { lineNumber: 1, offsetBytes: 0 };

/**
 * Reads and checks line 1. The order of the checks decides the error a person sees: a
 * file that is not a store at all is `NOT_A_STORE`; a store of a newer format version is
 * `UNSUPPORTED_FORMAT_VERSION` (its header may be laid out differently, so its checksum is
 * not checked); a version-1 header whose checksum fails is `STORE_CORRUPTED`.
 */
export async function readHeader(file: FileHandle): Promise<E.Either<StoreProblem, HeaderRead>> {
  const buffer = Buffer.alloc(fileStoreLimits.headerBytesMax);
  const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
  if (bytesRead === 0)
    return E.left(
      storeProblem('not-a-store', 'the file is empty: a store starts with a header line', place),
    );
  const newline = buffer.subarray(0, bytesRead).indexOf(0x0a);
  const line = buffer.subarray(0, newline === -1 ? bytesRead : newline);
  const parsed = parseFormat(line.toString('utf8'), newline !== -1);
  if (E.isLeft(parsed)) return parsed;
  const version = parsed.right['formatVersion'];
  if (
    typeof version === 'number' &&
    Number.isSafeInteger(version) &&
    version > fileStoreFormatVersion
  ) {
    return E.left(
      storeProblem(
        'unsupported-format-version',
        `the store has format version ${version}; this version of @finsam-ledger/adapter-file reads up to ${fileStoreFormatVersion}`,
        place,
      ),
    );
  }
  if (newline === -1)
    return E.left(storeProblem('header-damaged', 'the header line has no newline', place));
  return decodeSealedHeader(line, parsed.right, newline + 1);
}

/**
 * Parses line 1 far enough to tell a store from anything else: a line that starts like a
 * header but is not one is a damaged header; anything else is not a store.
 */
function parseFormat(
  text: string,
  terminated: boolean,
): E.Either<StoreProblem, Record<string, unknown>> {
  const looksLikeStore = text.startsWith(`{"format":"${fileStoreFormat}"`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return E.left(
      looksLikeStore
        ? storeProblem(
            'header-damaged',
            terminated ? 'the header line is not JSON' : 'the header line has no end',
            place,
          )
        : storeProblem(
            'not-a-store',
            `the file does not start with a ${fileStoreFormat} header`,
            place,
          ),
    );
  }
  const fields =
    typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  if (fields['format'] === fileStoreFormat) return E.right(fields);
  return E.left(
    looksLikeStore
      ? storeProblem('header-damaged', 'the header line is damaged', place)
      : storeProblem(
          'not-a-store',
          `the file's first line does not name the format ${fileStoreFormat}`,
          place,
        ),
  );
}

/** Checks the header's checksum, then its shape (format version 1). */
function decodeSealedHeader(
  line: Buffer,
  parsed: Record<string, unknown>,
  recordsOffsetBytes: number,
): E.Either<StoreProblem, HeaderRead> {
  const seal = unsealLine(line);
  if (seal === undefined || seal.claimedHash !== seal.computedHash) {
    return E.left(
      storeProblem('header-damaged', "the header's checksum does not match its bytes", place),
    );
  }
  const decoded = HeaderCodec.decode(parsed);
  if (E.isLeft(decoded))
    return E.left(
      storeProblem(
        'header-damaged',
        `the header is not a version ${fileStoreFormatVersion} header: ${describeDecodeErrors(decoded.left)}`,
        place,
      ),
    );
  return E.right({ header: decoded.right, hash: seal.claimedHash, recordsOffsetBytes });
}
