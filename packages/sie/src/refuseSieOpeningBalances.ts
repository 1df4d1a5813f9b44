import { Money } from '@finsam-ledger/core';
import { sieError } from './error.js';
import type { SieFile } from './SieFile.js';

/**
 * Refuses a file whose `#IB` of year 0 cannot open the books: there is none, or it does not sum
 * to zero. Mapping only moves amounts between accounts, so the file's own sum decides, and it is
 * checked before any account is placed: a förbund is not asked to map a file that cannot open
 * its books whatever the mapping.
 */
export function refuseSieOpeningBalances(file: SieFile, år: number): void {
  const balances = file.balances.filter((b) => b.kind === 'IB' && b.yearIndex === 0);
  const firstLine = balances[0]?.line;
  if (balances.length === 0)
    throw sieError(
      'IMPORT_REFUSED',
      `The books are not opened yet and the file has no #IB of ${år} to open them with: import the year's opening balances first`,
      { path: '#IB', rule: 'opening-balance-required' },
    );
  const sum = Money.sum(balances.map((balance) => Money.from(balance.amount)));
  if (!sum.isZero())
    throw sieError(
      'IMPORT_REFUSED',
      `#IB of ${år} sums to ${sum.toString()}, not zero: assets do not equal liabilities and equity, so they cannot open the books`,
      {
        ...(firstLine === undefined ? {} : { line: firstLine }),
        path: '#IB.saldo',
        rule: 'opening-balances-balance',
        details: { sum: sum.toString() },
      },
    );
}
