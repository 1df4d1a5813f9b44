import { assert } from '@finsam-ledger/core/store';
import iconv from 'iconv-lite';
import { decodeCodePage, encodeText } from './codePage.js';

/** The character encodings a SIE file is read in. */
export type SieEncoding = 'cp437' | 'utf-8' | 'windows-1252';

/** Which encoding the reader used, and why, for the caller to show. */
export interface SieEncodingReport {
  /** What the file declares in `#FORMAT` (`PC8` means CP437), if anything. */
  readonly declared: string | undefined;
  /** What the bytes were decoded as. */
  readonly used: SieEncoding;
  /**
   * True when the bytes contradict the declaration (UTF-8 or Windows-1252 written, PC8 declared).
   */
  readonly mismatch: boolean;
  /** Characters U+FFFD already in the file: text its writer had lost before we read it. */
  readonly replacementCharacters: number;
}

/** The text of a file and how it was decoded. */
export interface DecodedSie {
  readonly text: string;
  readonly encoding: SieEncodingReport;
}

// What tells CP437 from Windows-1252 is which reading gives text a Swedish bookkeeping holds.
// Read the wrong way, each leaves marks: a Windows-1252 file's å ä ö (bytes 0xE5 0xE4 0xF6)
// read as CP437 are σ Σ ÷, and its Å Ä Ö box drawings; a CP437 file's å ä Ä é (0x86 0x84 0x8E
// 0x82) read as Windows-1252 are † „ Ž ‚, and its Å É ü (0x8F 0x90 0x81) bytes Windows-1252
// has no character for. Counting Swedish letters alone cannot tell: a Windows-1252 ” or ™
// (0x94, 0x99) is a CP437 ö or Ö.
/** Characters a Swedish bookkeeping's text holds: ASCII, the Latin-1 letters, common signs. */
const plausibleCharacters =
  /[\t\n\r\x20-\x7E\u00A0\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF§°±×´½£©®™€–—‘’“”…•·«»²³µŠšž]/u;
/** Characters that say which reading is right: Swedish letters, a Windows program's punctuation. */
const tellingCharacters = /[åäöÅÄÖéà–—‘’“”…€•]/u;

/** What a byte 0x80–0xFF reads as in a code page: plausible, odd, or telling. */
const plausibleByte = 0;
const oddByte = 1;
const tellingByte = 2;

/** The kind of each byte 0x80–0xFF read in `encoding`: both code pages are one byte a character. */
function byteKindsOf(encoding: 'cp437' | 'windows-1252'): Uint8Array {
  const high = Uint8Array.from({ length: 128 }, (_, index) => 0x80 + index);
  const characters = [...iconv.decode(high as Buffer, encoding)];
  assert(characters.length === 128, `${encoding} reads one character a byte`);
  return Uint8Array.from(characters, (character) => {
    if (!plausibleCharacters.test(character)) return oddByte;
    return tellingCharacters.test(character) ? tellingByte : plausibleByte;
  });
}

const cp437ByteKinds = byteKindsOf('cp437');
const windows1252ByteKinds = byteKindsOf('windows-1252');

/**
 * The bytes whose Windows-1252 reading (€ ‘ “ ” •) never stands inside a word while their CP437
 * one (Ç æ ô ö ò) does: between two ASCII letters they tell nothing of Windows ("Côte", "Bröd").
 */
const windowsPunctuationOutsideWords = new Set([0x80, 0x91, 0x93, 0x94, 0x95]);

const isAsciiLetter = (byte: number | undefined): boolean =>
  byte !== undefined && ((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a));

/** The kind of `bytes[index]` (0x80 or above) read as Windows-1252, in its word. */
function windowsKindAt(bytes: Uint8Array, index: number): number {
  const byte = bytes[index]!;
  const kind = windows1252ByteKinds[byte - 0x80]!;
  const insideWord = isAsciiLetter(bytes[index - 1]) && isAsciiLetter(bytes[index + 1]);
  return insideWord && windowsPunctuationOutsideWords.has(byte) ? plausibleByte : kind;
}

/** How many of `bytes` read as plausible, odd and telling characters in each code page. */
function plausibilityOf(bytes: Uint8Array) {
  const cp437 = [0, 0, 0];
  const windows = [0, 0, 0];
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index]!;
    if (byte < 0x80) continue;
    cp437[cp437ByteKinds[byte - 0x80]!]! += 1;
    windows[windowsKindAt(bytes, index)]! += 1;
  }
  return {
    cp437: { odd: cp437[oddByte]!, telling: cp437[tellingByte]! },
    windows: { odd: windows[oddByte]!, telling: windows[tellingByte]! },
  };
}

/**
 * CP437 or Windows-1252: the reading with fewer characters no Swedish bookkeeping holds, then
 * the one with more Swedish letters and Windows punctuation; CP437, the spec's, when they tie.
 */
function cp437OrWindows1252(bytes: Uint8Array): 'cp437' | 'windows-1252' {
  const { cp437, windows } = plausibilityOf(bytes);
  const windowsWins =
    windows.odd < cp437.odd || (windows.odd === cp437.odd && windows.telling > cp437.telling);
  return windowsWins ? 'windows-1252' : 'cp437';
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The text if `bytes` are valid UTF-8 with at least one non-ASCII character, else `undefined`. */
function decodeUtf8IfUtf8(bytes: Uint8Array): string | undefined {
  if (!bytes.some((byte) => byte >= 0x80)) return undefined;
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The text of `bytes`: UTF-8 if they are, else the code page {@link cp437OrWindows1252} picks. */
function decodeSieText(bytes: Uint8Array): { text: string; used: SieEncoding } {
  const utf8 = decodeUtf8IfUtf8(bytes);
  if (utf8 !== undefined) return { text: utf8, used: 'utf-8' };
  const used = cp437OrWindows1252(bytes);
  return { text: decodeCodePage(bytes, used), used };
}

/** The `#FORMAT` a file declares, read from its raw bytes (the label and value are ASCII). */
function declaredFormat(bytes: Uint8Array): string | undefined {
  const head = iconv.decode(bytes.subarray(0, 4096) as Buffer, 'latin1');
  const match = /^[ \t]*#FORMAT[ \t]+"?([A-Za-z0-9]+)"?/m.exec(head);
  return match?.[1]?.toUpperCase();
}

/**
 * Decodes a SIE file. The spec allows only CP437 (`#FORMAT PC8`), but real programs write
 * UTF-8 or Windows' own code page while declaring PC8: valid UTF-8 with non-ASCII bytes is read
 * as UTF-8; otherwise the file is read as CP437 or as Windows-1252, whichever reading holds
 * fewer characters no Swedish bookkeeping's text has (box drawings, Greek letters, a dagger),
 * then more Swedish letters and Windows punctuation (– ” €), CP437 on a tie; the report says
 * which and whether it contradicts the declaration. Windows-1252, not ISO-8859-1: a Windows
 * program's en dash, euro sign or curly quote is a byte 0x80–0x9F, which ISO-8859-1 reads as a
 * control character no SIE text may hold.
 */
export function decodeSieBytes(bytes: Uint8Array): DecodedSie {
  const declared = declaredFormat(bytes);
  const { text, used } = decodeSieText(bytes);
  const replacementCharacters = (text.match(/\uFFFD/g) ?? []).length;
  const mismatch = used !== 'cp437' && (declared === undefined || declared === 'PC8');
  return { text, encoding: { declared, used, mismatch, replacementCharacters } };
}

/**
 * Every character a CP437 file is written with: the Unicode table's, from decoding its 256 bytes
 * once. A PC's § and ¶ (0x15, 0x14) are read but never written: a reader by the Unicode table
 * (Java's and .NET's CP437, iconv, finsam before it read them) gets control characters there,
 * which finsam's own rules refuse in any text, so a § written would fail a whole import.
 */
const cp437Characters: ReadonlySet<string> = new Set(
  iconv.decode(Uint8Array.from({ length: 256 }, (_, byte) => byte) as Buffer, 'cp437'),
);

/**
 * Characters CP437 lacks that have a conventional ASCII spelling. The rule, in order:
 * a character CP437 has is kept; one with a decomposition (ő, ł is not one) loses its
 * accents if the base letter is in CP437; then this table; then `?`.
 */
const transliterations: Readonly<Record<string, string>> = {
  '€': 'EUR',
  '‘': "'",
  '’': "'",
  '‚': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '–': '-',
  '—': '-',
  '‐': '-',
  '−': '-',
  '…': '...',
  '•': '*',
  '™': 'TM',
  ł: 'l',
  Ł: 'L',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  œ: 'oe',
  Œ: 'OE',
  '\t': ' ',
  '\r': ' ',
  '\n': ' ',
};

/** `text` with every character CP437 lacks replaced by the rule of {@link transliterations}. */
export function transliterateToCp437(text: string): string {
  let result = '';
  for (const character of text) {
    if (cp437Characters.has(character) && character >= ' ') result += character;
    else result += transliterateCharacter(character);
  }
  return result;
}

function transliterateCharacter(character: string): string {
  const table = transliterations[character];
  if (table !== undefined) return table;
  const base = character.normalize('NFD').replace(/\p{Mark}/gu, '');
  if (base.length > 0 && [...base].every((part) => cp437Characters.has(part) && part >= ' '))
    return base;
  return '?';
}

/** The CP437 bytes of `text`, transliterated first (see {@link transliterateToCp437}). */
export function encodeCp437(text: string): Uint8Array {
  return encodeText(transliterateToCp437(text), 'cp437');
}

/** The CP437 bytes of text already restricted to CP437 (a written file's). */
export function cp437Bytes(text: string): Uint8Array {
  return encodeText(text, 'cp437');
}
