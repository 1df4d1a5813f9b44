import test from 'ava';
import { LedgerError } from '../error.js';
import { newEventIds } from './newEventId.js';

test('newEventIds of a count that is not a whole number of 0 or more fails its assertion, naming itself and the count', (t) => {
  for (const count of [1.5, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
    const error = t.throws(() => newEventIds(count), { instanceOf: LedgerError });
    t.is(error?.code, 'ASSERTION_FAILED');
    t.regex(error?.message ?? '', /newEventIds draws a whole number of ids/);
    t.deepEqual(error?.details, { count });
  }
  t.deepEqual(newEventIds(0), []);
});
