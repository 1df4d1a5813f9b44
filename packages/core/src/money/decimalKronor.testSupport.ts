import fc from 'fast-check';

/** Any amount from `minOre` öre up to `maxKronor` kronor, as a decimal string with öre. */
export const decimalKronor = (maxKronor: number, minOre = 1): fc.Arbitrary<string> =>
  fc
    .integer({ min: minOre, max: maxKronor * 100 })
    .map((ore) => `${Math.floor(ore / 100)}.${String(ore % 100).padStart(2, '0')}`);
