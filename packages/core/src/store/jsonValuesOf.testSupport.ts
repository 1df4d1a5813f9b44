import fc from 'fast-check';
import type { JsonValue } from './json.js';

/** Any JSON value a few levels deep, its texts and keys drawn from `texts`. */
export function jsonValuesOf(texts: fc.Arbitrary<string>): fc.Arbitrary<JsonValue> {
  return fc.letrec<{ value: JsonValue }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      texts,
      fc.integer(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(texts, tie('value'), { maxKeys: 3 }),
    ),
  })).value;
}
