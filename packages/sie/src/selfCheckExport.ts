import { Money, type Chart, type StatementLine } from '@finsam-ledger/core';
import { checkSieBalances } from './checkSieBalances.js';
import { isSieError, sieError } from './error.js';
import { readSie } from './readSie.js';
import type { SieFile } from './SieFile.js';

/** The resultaträkning's figures of a year (credit positive), as core's `incomeColumn` has them. */
interface IncomeFigures {
  readonly intäkter: Money;
  readonly kostnader: Money;
  readonly avskrivningar: Money;
  readonly finansiellaIntäkter: Money;
  readonly finansiellaKostnader: Money;
}

const incomeLines: readonly [keyof IncomeFigures, StatementLine][] = [
  ['intäkter', 'verksamhetens-intäkter'],
  ['kostnader', 'verksamhetens-kostnader'],
  ['avskrivningar', 'avskrivningar'],
  ['finansiellaIntäkter', 'finansiella-intäkter'],
  ['finansiellaKostnader', 'finansiella-kostnader'],
];

const failed = (message: string, details: Record<string, unknown> = {}) =>
  sieError('SELF_CHECK_FAILED', `The SIE export failed its own check: ${message}`, {
    rule: 'export-self-check',
    details,
  });

/** Reads the bytes back; any refusal of our own file is a failed self-check. */
function readBack(bytes: Uint8Array): SieFile {
  try {
    return readSie(bytes);
  } catch (thrown) {
    if (isSieError(thrown)) throw failed(thrown.message, { cause: thrown.toJSON() });
    throw thrown;
  }
}

/** The checks {@link exportSie} runs on the bytes before it returns them. */
export function selfCheckExport(
  bytes: Uint8Array,
  input: { readonly chart: Chart },
  income: IncomeFigures | undefined,
): void {
  const file = readBack(bytes);
  if (file.ksumma === undefined) throw failed('the file has no #KSUMMA');
  const differences = checkSieBalances(file, 0);
  if (differences.length > 0)
    throw failed('#UB − #IB or #RES differs from the #TRANS rows', { differences });
  const resultaträkning = income ?? {
    intäkter: Money.zero,
    kostnader: Money.zero,
    avskrivningar: Money.zero,
    finansiellaIntäkter: Money.zero,
    finansiellaKostnader: Money.zero,
  };
  for (const [field, line] of incomeLines) {
    const fromRes = Money.sum(
      file.balances
        .filter((balance) => balance.kind === 'RES' && balance.yearIndex === 0)
        .filter((balance) => input.chart.account(balance.account).line === line)
        .map((balance) => Money.from(balance.amount)),
    ).negated();
    if (!fromRes.equals(resultaträkning[field]))
      throw failed(
        `#RES of the ${line} accounts is ${fromRes}, the resultaträkning says ${resultaträkning[field]}`,
        {
          line,
        },
      );
  }
}
