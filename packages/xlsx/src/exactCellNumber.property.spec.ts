import test from 'ava';
import fc from 'fast-check';
import { Money } from '@finsam-ledger/core';
import { isXlsxError } from './error.js';
import { amountOfCellNumber, exactCellNumber } from './exactCellNumber.js';

/** A decimal amount with `integerDigits` digits at most before the point and two after. */
const amountWith = (integerDigits: number) =>
  fc
    .tuple(
      fc.boolean(),
      fc.bigInt({ min: 0n, max: 10n ** BigInt(integerDigits) - 1n }),
      fc.integer({ min: 0, max: 99 }),
    )
    .map(([negative, kronor, ore]) =>
      Money.from(
        `${negative && (kronor > 0n || ore > 0) ? '-' : ''}${kronor}.${String(ore).padStart(2, '0')}`,
      ),
    );

test('every amount under 10 000 000 000 000 kr goes into a cell and back exactly', (t) => {
  fc.assert(
    fc.property(amountWith(13), (amount) => {
      const number = exactCellNumber(amount, 'amount');
      return (
        amountOfCellNumber(number).equals(amount) &&
        String(number) === String(Number(amount.toString()))
      );
    }),
    { numRuns: 2000 },
  );
  t.is(exactCellNumber(Money.from('9999999999999.99'), 'amount'), 9999999999999.99);
  t.is(exactCellNumber(Money.from('-0.01'), 'amount'), -0.01);
});

test('an amount with more than 15 significant digits is refused, naming the cell', (t) => {
  // The largest amount the ledger takes: the nearest double is 1 000 000 000 000 000, so the
  // cell would silently gain an öre.
  const error = t.throws(() => exactCellNumber(Money.from('999999999999999.99'), 'Not 2.x[0]'));
  t.true(isXlsxError(error, 'AMOUNT_NOT_EXACT_IN_CELL'));
  t.deepEqual((error as unknown as { issues: unknown }).issues, [
    {
      path: 'Not 2.x[0]',
      rule: 'at-most-15-significant-digits',
      message:
        '999999999999999.99 kr has more than 15 significant digits: a spreadsheet cell cannot hold it exactly',
    },
  ]);
  // 16 significant digits that a double happens to hold are refused all the same: the rule is
  // the number of digits, not luck.
  t.true(
    isXlsxError(
      t.throws(() => exactCellNumber(Money.from('12345678901234.25'), 'x')),
      'AMOUNT_NOT_EXACT_IN_CELL',
    ),
  );
});
