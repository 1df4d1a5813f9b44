import CRC32 from 'crc-32';
import { cp437Bytes } from './encoding.js';
import type { SieRecord } from './tokenizeSieLine.js';

/**
 * The `#KSUMMA` of records (spec 4B): CRC-32 (the polynomial of zlib and IEEE 802.3) over
 * each record's label and field contents as CP437 bytes, in order, without the whitespace
 * between fields, the line breaks, the quotes around fields or the braces of object lists and
 * `#VER` blocks; an escaped `\"` counts as one `"` (the tokenizer has already unescaped it).
 * Returned unsigned, as the file writes it.
 */
export function ksummaOf(records: Iterable<SieRecord>): number {
  let crc = 0;
  for (const record of records) {
    crc = CRC32.buf(cp437Bytes(record.label), crc);
    for (const field of record.fields) {
      const contents = field.kind === 'text' ? field.value : field.values.join('');
      if (contents !== '') crc = CRC32.buf(cp437Bytes(contents), crc);
    }
  }
  return crc >>> 0;
}
