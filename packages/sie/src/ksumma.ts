import CRC32 from 'crc-32';
import { encodeText, type Cp437Table } from './codePage.js';
import type { SieEncoding } from './encoding.js';
import type { SieRecord } from './tokenizeSieLine.js';

/**
 * The `#KSUMMA` of records (spec 4B): CRC-32 (the polynomial of zlib and IEEE 802.3) over
 * each record's label and field contents as the file's bytes, in order, without the whitespace
 * between fields, the line breaks, the quotes around fields or the braces of object lists and
 * `#VER` blocks; an escaped `\"` counts as one `"` (the tokenizer has already unescaped it).
 * The bytes are CP437 as the spec has them, or, with `encoding` (what the reader decoded a file
 * as), UTF-8 or Windows-1252: a writer of such a file may have summed its own bytes. CP437 is a
 * PC's (§ as 0x15), or with `cp437Table` `'unicode'` the Unicode table's (§ as `?`). Returned
 * unsigned.
 */
export function ksummaOf(
  records: Iterable<SieRecord>,
  encoding: SieEncoding = 'cp437',
  cp437Table: Cp437Table = 'pc',
): number {
  let crc = 0;
  for (const record of records) {
    crc = CRC32.buf(encodeText(record.label, encoding, cp437Table), crc);
    for (const field of record.fields) {
      const contents = field.kind === 'text' ? field.value : field.values.join('');
      if (contents !== '') crc = CRC32.buf(encodeText(contents, encoding, cp437Table), crc);
    }
  }
  return crc >>> 0;
}

/**
 * The checksum a closing `#KSUMMA` writes, as an unsigned number. Most programs write it as an
 * unsigned 32-bit number, some as a signed one (a CRC-32 above 2^31 comes out negative);
 * `undefined` when it is neither.
 */
export function writtenKsumma(written: string): number | undefined {
  if (!/^-?\d{1,10}$/.test(written)) return undefined;
  const value = Number(written);
  if (value < -(2 ** 31) || value >= 2 ** 32) return undefined;
  return value >>> 0;
}
