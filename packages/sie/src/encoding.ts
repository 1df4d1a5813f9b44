import iconv from 'iconv-lite';

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

// The Swedish letters å ä ö Å Ä Ö é as CP437 bytes and as Windows-1252 (ISO-8859-1) bytes:
// counting which set a file uses tells the two apart, since a Swedish text without them has
// nothing to tell.
const cp437SwedishBytes = new Set([0x86, 0x84, 0x94, 0x8f, 0x8e, 0x99, 0x82]);
const latin1SwedishBytes = new Set([0xe5, 0xe4, 0xf6, 0xc5, 0xc4, 0xd6, 0xe9]);

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

/** The `#FORMAT` a file declares, read from its raw bytes (the label and value are ASCII). */
function declaredFormat(bytes: Uint8Array): string | undefined {
  const head = iconv.decode(bytes.subarray(0, 4096) as Buffer, 'latin1');
  const match = /^[ \t]*#FORMAT[ \t]+"?([A-Za-z0-9]+)"?/m.exec(head);
  return match?.[1]?.toUpperCase();
}

/**
 * Decodes a SIE file. The spec allows only CP437 (`#FORMAT PC8`), but real programs write
 * UTF-8 or Windows' own code page while declaring PC8: valid UTF-8 with non-ASCII bytes is read
 * as UTF-8, a file whose Swedish letters are Latin-1 bytes as Windows-1252, everything else as
 * CP437, and the report says which and whether it contradicts the declaration. Windows-1252,
 * not ISO-8859-1: a Windows program's en dash, euro sign or curly quote is a byte 0x80–0x9F,
 * which ISO-8859-1 reads as a control character that no SIE text may hold.
 */
export function decodeSieBytes(bytes: Uint8Array): DecodedSie {
  const declared = declaredFormat(bytes);
  const utf8 = decodeUtf8IfUtf8(bytes);
  let used: SieEncoding;
  let text: string;
  if (utf8 !== undefined) {
    used = 'utf-8';
    text = utf8;
  } else {
    let cp437Votes = 0;
    let latin1Votes = 0;
    for (const byte of bytes) {
      if (cp437SwedishBytes.has(byte)) cp437Votes += 1;
      else if (latin1SwedishBytes.has(byte)) latin1Votes += 1;
    }
    used = latin1Votes > cp437Votes ? 'windows-1252' : 'cp437';
    text = iconv.decode(bytes as Buffer, used);
  }
  const replacementCharacters = (text.match(/\uFFFD/g) ?? []).length;
  const mismatch = used !== 'cp437' && (declared === undefined || declared === 'PC8');
  return { text, encoding: { declared, used, mismatch, replacementCharacters } };
}

/** Every character CP437 has, from decoding its 256 bytes once. */
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
  return new Uint8Array(iconv.encode(transliterateToCp437(text), 'cp437'));
}

/** The CP437 bytes of text already restricted to CP437 (a written file's). */
export function cp437Bytes(text: string): Uint8Array {
  return new Uint8Array(iconv.encode(text, 'cp437'));
}
