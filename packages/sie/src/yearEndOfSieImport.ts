import { Money, type Chart, type VerifikationRad } from '@finsam-ledger/core';
import type { PlannedVerifikation, SieImportPlan, SieSource } from './planSieImport.js';
import type { SieFile } from './SieFile.js';

/** The year's close as a foreign file shows it: booked by the import as `RäkenskapsårStängt`. */
export interface SieYearClose {
  /** The closing `#VER`'s date, or the year's last day when the result is zero. */
  readonly datum: string;
  /** Årets resultat (the disposition account's debet: a surplus is positive). */
  readonly åretsResultat: Money;
  /** The `#VER` the close came from; absent for a zero result, which books no rows. */
  readonly källa?: SieSource;
  readonly line?: number;
}

/** What the year end of a file is to the ledger, beside its ordinary bookings. */
export interface SieYearEnd {
  /** The verifikationer to book, with the close's and the carry's rows taken out. */
  readonly verifikationer: readonly PlannedVerifikation[];
  /** The year's close: rows on the disposition account and årets resultat, or a zero result. */
  readonly close: SieYearClose | undefined;
  /**
   * Last year's result (the file's `#IB` on årets resultat, kredit negative) that the ledger
   * has already carried into balanserat resultat (its opening balance, or its close of last
   * year, carries it on 1 January): the file's own rows carrying it are left out, and while
   * the file has not carried it, its `#UB` of årets resultat still holds it.
   */
  readonly lastYearsResult: Money | undefined;
  /** The `#VER` whose rows carried last year's result, when the file carries it. */
  readonly carriedBy: SieSource | undefined;
}

const sumOf = (rows: readonly VerifikationRad[]): Money => Money.sum(rows.map((rad) => rad.belopp));

/** Takes out the first row of `konto` with exactly `amount`; `undefined` when there is none. */
function withoutRow(
  rows: readonly VerifikationRad[],
  konto: string,
  amount: Money,
): VerifikationRad[] | undefined {
  const index = rows.findIndex((rad) => rad.konto === konto && rad.belopp.equals(amount));
  return index < 0 ? undefined : [...rows.slice(0, index), ...rows.slice(index + 1)];
}

/**
 * The close in one verifikation: every row on the disposition account (BAS 8999) and a row on
 * årets resultat (2099) of the opposite amount. Programs write it alone (Visma, finsam) or
 * among other year-end rows (Fortnox's `A 10`: an accrual and the close in one `#VER`).
 */
function closeIn(
  verifikation: PlannedVerifikation,
  chart: Chart,
): { readonly result: Money; readonly rest: VerifikationRad[] } | undefined {
  const { åretsResultat, åretsResultatDisposition } = chart.roles;
  const disposition = verifikation.rader.filter((rad) => rad.konto === åretsResultatDisposition);
  if (disposition.length === 0) return undefined;
  const result = sumOf(disposition);
  const others = verifikation.rader.filter((rad) => rad.konto !== åretsResultatDisposition);
  const rest = withoutRow(others, åretsResultat, result.negated());
  if (rest !== undefined) return { result, rest };
  // Alone, the close may split årets resultat over several rows.
  return others.every((rad) => rad.konto === åretsResultat) ? { result, rest: [] } : undefined;
}

/** The rows carrying last year's result (kredit `lastYear`) from årets resultat, taken out. */
function carryIn(
  verifikation: PlannedVerifikation,
  chart: Chart,
  lastYear: Money,
): VerifikationRad[] | undefined {
  const { åretsResultat, balanseratResultat } = chart.roles;
  const withoutDebit = withoutRow(verifikation.rader, åretsResultat, lastYear.negated());
  return withoutDebit === undefined
    ? undefined
    : withoutRow(withoutDebit, balanseratResultat, lastYear);
}

/**
 * True when the file, written after its year ended, shows the year closed with a zero result:
 * its `#RES` of year 0 (with the disposition account, when a program writes it) sums to zero,
 * so no row moves a result into eget kapital and no `#VER` shows the close.
 */
export function showsZeroResultClose(file: SieFile): boolean {
  const year = file.years.find((candidate) => candidate.index === 0);
  const results = file.balances.filter(
    (balance) => balance.kind === 'RES' && balance.yearIndex === 0,
  );
  return (
    year !== undefined &&
    file.generated.date > year.end &&
    results.length > 0 &&
    Money.sum(results.map((balance) => Money.from(balance.amount))).isZero()
  );
}

/** What the ledger did with last year's result before this file. */
export interface SieLedgerBefore {
  /** The books open with this file's `#IB` (all eget kapital as balanserat resultat). */
  readonly opensBooks: boolean;
  /** The ledger closed last year itself (its close carries the result on 1 January). */
  readonly closedLastYear: boolean;
}

/**
 * The year end of a foreign program's file (no `#FINSAMHANDELSE RäkenskapsårStängt`), as the
 * ledger books it. The close (årets resultat against the disposition account, in a `#VER` of
 * its own or among other rows) becomes `RäkenskapsårStängt`; a year the file shows closed with
 * a zero result (see {@link showsZeroResultClose}) is closed with a zero result. When the
 * ledger has last year's result in balanserat resultat from 1 January (it opens the books with
 * this file, or closed last year itself), the file's rows carrying the
 * `#IB` of årets resultat into balanserat resultat are left out, so that the result is not
 * counted twice; without an `#IB` on årets resultat, a `#VER` of 1 January holding only the
 * two accounts is taken as the carry when the ledger closed last year. Pure.
 */
export function yearEndOfSieImport(
  file: SieFile,
  plan: SieImportPlan,
  chart: Chart,
  ledger: SieLedgerBefore,
): SieYearEnd {
  const carriedByLedger = ledger.opensBooks || ledger.closedLastYear;
  const ib = plan.ingåendeBalans.get(chart.roles.åretsResultat);
  const lastYearsResult = carriedByLedger && ib !== undefined && !ib.isZero() ? ib : undefined;
  let close: SieYearClose | undefined;
  let carriedBy: SieSource | undefined;
  const verifikationer: PlannedVerifikation[] = [];
  for (const verifikation of plan.verifikationer) {
    let rader: readonly VerifikationRad[] = verifikation.rader;
    const closing = close === undefined ? closeIn(verifikation, chart) : undefined;
    if (closing !== undefined) {
      close = {
        datum: verifikation.datum,
        åretsResultat: closing.result,
        källa: verifikation.källa,
        ...(verifikation.line === undefined ? {} : { line: verifikation.line }),
      };
      rader = closing.rest;
    }
    const carried =
      carriedBy === undefined
        ? carryOf({ ...verifikation, rader }, chart, lastYearsResult, ledger, plan.år)
        : undefined;
    if (carried !== undefined) {
      carriedBy = verifikation.källa;
      rader = carried;
    }
    if (!hasNothingToBook(rader)) verifikationer.push({ ...verifikation, rader });
  }
  if (close === undefined && showsZeroResultClose(file))
    close = { datum: `${plan.år}-12-31`, åretsResultat: Money.zero };
  return { verifikationer, close, lastYearsResult, carriedBy };
}

/**
 * True when a verifikation's rows book nothing: none are left (its close or carry taken out), or
 * one row of zero is, which is how BL Administration writes a voided verifikation (its removed
 * rows as `#BTRANS`/`#RTRANS`, a single `#TRANS` of 0 left). A verifikation of two rows or more
 * is booked as the file has it, zero rows and all, so an earlier import's events stay the same.
 */
const hasNothingToBook = (rader: readonly VerifikationRad[]): boolean =>
  rader.length === 0 || (rader.length === 1 && rader[0]!.belopp.isZero());

/**
 * The carry of last year's result in a verifikation, its other rows left: the rows of exactly
 * the `#IB` of årets resultat, or, without one, a `#VER` of 1 January holding only the two
 * accounts when the ledger closed last year.
 */
function carryOf(
  verifikation: PlannedVerifikation,
  chart: Chart,
  lastYearsResult: Money | undefined,
  ledger: SieLedgerBefore,
  år: number,
): VerifikationRad[] | undefined {
  if (lastYearsResult !== undefined) return carryIn(verifikation, chart, lastYearsResult);
  return ledger.closedLastYear ? isCarryOfFirstJanuary(verifikation, chart, år) : undefined;
}

/** A `#VER` of 1 January with only årets resultat and balanserat resultat: the carry, all of it. */
function isCarryOfFirstJanuary(
  verifikation: PlannedVerifikation,
  chart: Chart,
  år: number,
): VerifikationRad[] | undefined {
  const accounts = [chart.roles.åretsResultat, chart.roles.balanseratResultat];
  const only =
    verifikation.datum === `${år}-01-01` &&
    verifikation.rader.every((rad) => accounts.includes(rad.konto)) &&
    accounts.every((account) => verifikation.rader.some((rad) => rad.konto === account));
  return only ? [] : undefined;
}
