import fc from 'fast-check';

/** Any day of `year` from 1 January up to its `lastDay`th day, as an ISO date. */
export const dayOfYear = (year: number, lastDay = 365): fc.Arbitrary<string> =>
  fc
    .integer({ min: 1, max: lastDay })
    .map((day) => new Date(Date.UTC(year, 0, day)).toISOString().slice(0, 10));
