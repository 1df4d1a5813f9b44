import { sieError } from './error.js';
import { transliterateToCp437 } from './encoding.js';
import type { SieRecord } from './tokenizeSieLine.js';

/**
 * The labels of finsam-ledger's own records. SIE 4B asks a reader to ignore labels it does not
 * know, so other programs read the file as if they were not there; finsam reads them to carry
 * what SIE has no record for (see docs/sie.md).
 */
export const finsamLabels = {
  /** A fact of the ledger SIE has no record for: `#FINSAMHANDELSE typ data`. */
  event: '#FINSAMHANDELSE',
  /** The ledger's number and open items of a `#VER`: `#FINSAMVER serie vernr löpnr poster`. */
  verifikation: '#FINSAMVER',
} as const;

/** The longest JSON field read: far above any budget or opening balance, far below the file. */
export const finsamJsonLengthMax = 1024 * 1024;

/**
 * A value as the JSON of a finsam record: a character a CP437 file is not written with is written
 * as a JSON `\u` escape, so the CP437 file keeps it exactly (CP437 has å, ä, ö and é; `€`, `–`
 * and `§` it is not written with: see `transliterateToCp437`).
 */
export function finsamJson(value: unknown): string {
  let written = '';
  for (const character of JSON.stringify(value)) {
    if (character.charCodeAt(0) < 0x80 || transliterateToCp437(character) === character)
      written += character;
    else
      for (let index = 0; index < character.length; index += 1)
        written += `\\u${character.charCodeAt(index).toString(16).padStart(4, '0')}`;
  }
  return written;
}

/** The JSON of a finsam record's field, refused with the line when it does not parse. */
export function parseFinsamJson(text: string, record: SieRecord, name: string): unknown {
  const invalid = (why: string) =>
    sieError('INVALID_FIELD', `${record.label} ${name} is not JSON: ${why}`, {
      line: record.line,
      path: `${record.label}.${name}`,
      rule: 'json',
    });
  if (text.length > finsamJsonLengthMax) throw invalid(`longer than ${finsamJsonLengthMax}`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalid(error instanceof SyntaxError ? error.message : 'unreadable');
  }
}
