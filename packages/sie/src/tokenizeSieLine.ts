import { sieError } from './error.js';

/** A field of a record: a text (quoted or not) or an object list in braces. */
export type SieField =
  | { readonly kind: 'text'; readonly value: string; readonly quoted: boolean }
  | { readonly kind: 'list'; readonly values: readonly string[] };

/** One line of a SIE file split into its label and fields (spec §5). */
export interface SieRecord {
  /** The label with its `#`, upper-cased, e.g. `#TRANS`. */
  readonly label: string;
  readonly fields: readonly SieField[];
  /** 1-based line of the file. */
  readonly line: number;
}

/** What a line is: nothing, a brace opening or closing a `#VER` block, or a record. */
export type SieLine =
  | { readonly kind: 'blank' }
  | { readonly kind: 'open'; readonly line: number }
  | { readonly kind: 'close'; readonly line: number }
  | { readonly kind: 'record'; readonly record: SieRecord };

const isSpace = (character: string | undefined): boolean => character === ' ' || character === '\t';

/** Reads a quoted field starting at the quote; `\"` is a quote, any other backslash is kept. */
function readQuoted(text: string, start: number, line: number): { value: string; end: number } {
  let value = '';
  let position = start + 1;
  while (position < text.length) {
    const character = text[position]!;
    if (character === '\\' && text[position + 1] === '"') {
      value += '"';
      position += 2;
    } else if (character === '"') {
      return { value, end: position + 1 };
    } else {
      value += character;
      position += 1;
    }
  }
  throw sieError('MALFORMED_RECORD', 'A quoted field has no closing quote', {
    line,
    rule: 'closing-quote',
  });
}

/** Reads an unquoted field: up to the next space, tab, or brace. */
function readUnquoted(text: string, start: number): { value: string; end: number } {
  let position = start;
  while (position < text.length && !isSpace(text[position]) && !'{}'.includes(text[position]!))
    position += 1;
  return { value: text.slice(start, position), end: position };
}

/** Reads the fields of `text` from `start` up to `}` inside an object list, else to the end. */
function readFields(
  text: string,
  start: number,
  line: number,
  insideList: boolean,
): { fields: SieField[]; end: number } {
  const fields: SieField[] = [];
  let position = start;
  for (;;) {
    while (isSpace(text[position])) position += 1;
    const character = text[position];
    if (character === undefined) {
      if (insideList)
        throw sieError('MALFORMED_RECORD', 'An object list has no closing brace', {
          line,
          rule: 'closing-brace',
        });
      return { fields, end: position };
    }
    if (character === '}') {
      if (!insideList)
        throw sieError('MALFORMED_RECORD', 'A closing brace without an opening one', {
          line,
          rule: 'matching-braces',
        });
      return { fields, end: position + 1 };
    }
    if (character === '{') {
      if (insideList)
        throw sieError('MALFORMED_RECORD', 'Object lists do not nest', {
          line,
          rule: 'no-nesting',
        });
      const list = readFields(text, position + 1, line, true);
      fields.push({
        kind: 'list',
        values: list.fields.map((field) => (field.kind === 'text' ? field.value : '')),
      });
      position = list.end;
    } else if (character === '"') {
      const quoted = readQuoted(text, position, line);
      fields.push({ kind: 'text', value: quoted.value, quoted: true });
      position = quoted.end;
    } else {
      const unquoted = readUnquoted(text, position);
      fields.push({ kind: 'text', value: unquoted.value, quoted: false });
      position = unquoted.end;
    }
  }
}

/**
 * Splits one line of a SIE file (spec §5): fields separated by spaces or tabs (one or
 * several), quoted with `"` (an escaped `\"` inside), or unquoted; `{…}` is an object list.
 */
export function tokenizeSieLine(text: string, line: number): SieLine {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'blank' };
  if (trimmed === '{') return { kind: 'open', line };
  if (trimmed === '}') return { kind: 'close', line };
  if (!trimmed.startsWith('#'))
    throw sieError('NOT_A_SIE_FILE', `A line that is not a record: ${trimmed.slice(0, 40)}`, {
      line,
      rule: 'record-starts-with-label',
    });
  const labelEnd = readUnquoted(trimmed, 0).end;
  const label = trimmed.slice(0, labelEnd).toUpperCase();
  const { fields } = readFields(trimmed, labelEnd, line, false);
  return { kind: 'record', record: { label, fields, line } };
}
