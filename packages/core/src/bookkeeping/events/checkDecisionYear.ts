import * as E from 'fp-ts/Either';
import type { LedgerError } from '../../error.js';
import { yearOf } from '../../events/zodFields.js';
import type { BookkeepingState } from '../BookkeepingState.js';
import { refusal } from '../refusal.js';

/**
 * The year rule of decisions and facts about a year (budgets, staffing): they are not
 * bookings, so there is no open year to move them to. A year before the ledger's first
 * year, or a closed year, refuses them with `YEAR_CLOSED`, naming `data.år`.
 */
export function checkDecisionYear(
  state: BookkeepingState,
  type: string,
  år: number,
  beforeLedgerHint = '',
): E.Either<LedgerError, void> {
  const openingDate = state.openingBalance?.datum;
  const why =
    openingDate !== undefined && år < yearOf(openingDate)
      ? {
          rule: 'year-in-ledger',
          text: `before the ledger's first year ${yearOf(openingDate)}${beforeLedgerHint}`,
        }
      : state.closedYears.has(år)
        ? { rule: 'year-open', text: 'closed' }
        : undefined;
  if (why === undefined) return E.right(undefined);
  return refusal(
    why.rule === 'year-in-ledger' ? 'BEFORE_FIRST_YEAR' : 'YEAR_CLOSED',
    `${type} for ${år} is refused: ${år} is ${why.text}`,
    { path: 'data.år', rule: why.rule, message: `${år} is ${why.text}` },
    { år },
  );
}
