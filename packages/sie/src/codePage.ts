import iconv from 'iconv-lite';
import type { SieEncoding } from './encoding.js';

// CP437's bytes 0x14 and 0x15 are ¶ and § on an IBM PC's screen and in Windows' own conversion
// (CharToOem writes § as 0x15), while iconv-lite, like the Unicode mapping table, reads them as
// control characters. A Swedish text holds § ("enligt 7 § LFS"), so the SIE codec reads those
// two bytes as the PC did, and sums a CP437 file's text over them as its writer did. It never
// writes them: transliteration leaves no § or ¶ in the text written (see `cp437Characters`).

/** `bytes` read in a one-byte code page; CP437's 0x14 and 0x15 as ¶ and §. */
export function decodeCodePage(bytes: Uint8Array, encoding: 'cp437' | 'windows-1252'): string {
  const text = iconv.decode(bytes as Buffer, encoding);
  if (encoding !== 'cp437') return text;
  return text.replaceAll('\x14', '¶').replaceAll('\x15', '§');
}

/**
 * Which CP437 a text is written in: a PC's, with ¶ and § at 0x14 and 0x15, or the Unicode
 * table's, which has no ¶ or § and writes `?` for them (iconv, Python, Java).
 */
export type Cp437Table = 'pc' | 'unicode';

/** The bytes of `text` in `encoding`; in a PC's CP437, ¶ and § as 0x14 and 0x15. */
export function encodeText(
  text: string,
  encoding: SieEncoding,
  cp437Table: Cp437Table = 'pc',
): Uint8Array {
  const pc = encoding === 'cp437' && cp437Table === 'pc';
  const coded = pc ? text.replaceAll('¶', '\x14').replaceAll('§', '\x15') : text;
  return new Uint8Array(iconv.encode(coded, encoding));
}
