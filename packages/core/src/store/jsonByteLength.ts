import type { JsonValue } from './json.js';

/**
 * The number of UTF-8 bytes `JSON.stringify(value)` writes for a plain JSON value, counted
 * without writing it: what an append's size limit measures for each event's metadata, where
 * writing the text only to measure it cost more than every check of the metadata together
 * (issue 15). Internal to the store module: not exported from the package.
 * `jsonByteLength.property.spec.ts` holds it to `Buffer.byteLength(JSON.stringify(value))`.
 *
 * @param value - plain JSON (see `copyPlainJson`): no `undefined`, no -0, no cycles.
 */
export function jsonByteLength(value: JsonValue): number {
  if (typeof value === 'string') return jsonStringByteLength(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).length;
  if (value === null) return 4;
  if (Array.isArray(value)) {
    let bytes = value.length === 0 ? 2 : value.length + 1;
    for (let index = 0; index < value.length; index += 1) bytes += jsonByteLength(value[index]!);
    return bytes;
  }
  const keys = Object.keys(value);
  // Braces, a colon per member and the commas between them.
  let bytes = keys.length === 0 ? 2 : keys.length * 2 + 1;
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index]!;
    bytes += jsonStringByteLength(key) + jsonByteLength((value as Record<string, JsonValue>)[key]!);
  }
  return bytes;
}

/** The UTF-8 bytes of a string as `JSON.stringify` quotes and escapes it. */
export function jsonStringByteLength(text: string): number {
  let bytes = 2;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80)
      bytes += code < 0x20 ? controlEscapeBytes(code) : code === 0x22 || code === 0x5c ? 2 : 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1))) {
      // A pair: one code point of four bytes.
      bytes += 4;
      index += 1;
    } else if (code >= 0xd800 && code <= 0xdfff)
      bytes += 6; // A lone surrogate: `\udxxx`.
    else bytes += 3;
  }
  return bytes;
}

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** `\b \t \n \f \r` take two bytes; every other control character `\u00xx`, six. */
const controlEscapeBytes = (code: number): number =>
  code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d ? 2 : 6;
