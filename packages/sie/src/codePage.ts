import iconv from 'iconv-lite';
import type { SieEncoding } from './encoding.js';

// CP437's bytes 0x14 and 0x15 are ¶ and § on an IBM PC's screen and in Windows' own conversion
// (CharToOem writes § as 0x15), while iconv-lite, like the Unicode mapping table, reads them as
// control characters. A Swedish text holds § ("enligt 7 § LFS"), so the SIE codec reads and
// writes those two bytes as the PC did.

/** `bytes` read in a one-byte code page; CP437's 0x14 and 0x15 as ¶ and §. */
export function decodeCodePage(bytes: Uint8Array, encoding: 'cp437' | 'windows-1252'): string {
  const text = iconv.decode(bytes as Buffer, encoding);
  if (encoding !== 'cp437') return text;
  return text.replaceAll('\x14', '¶').replaceAll('\x15', '§');
}

/** The bytes of `text` in `encoding`; in CP437, ¶ and § as 0x14 and 0x15. */
export function encodeText(text: string, encoding: SieEncoding): Uint8Array {
  const coded = encoding === 'cp437' ? text.replaceAll('¶', '\x14').replaceAll('§', '\x15') : text;
  return new Uint8Array(iconv.encode(coded, encoding));
}
