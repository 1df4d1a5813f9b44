import Big from 'big.js';
import { checkArithmetic, type Term } from './checkArithmetic.js';
import type { FigureIndex } from './FigureIndex.js';
import type { PrintedFigure } from './PrintedFigure.js';
import type { ReconcileFinding } from './ReconcileFinding.js';
import { statementRelations, type StatementRelation } from './statementRelations.js';

/**
 * The terms of `relation` for the target's column, or undefined where the relation cannot be
 * checked: a required row not printed, or a year of which no term is printed at all.
 */
function termsFor(
  relation: StatementRelation,
  target: PrintedFigure,
  index: FigureIndex,
): Term[] | undefined {
  const found = relation.terms.map((reference) => {
    const year = target.column.år + (reference.yearOffset ?? 0);
    const address = { statement: reference.statement, row: reference.row, year };
    return { reference, year, figure: index.find({ ...address, kind: target.column.kind }) };
  });
  const printedYears = new Set(
    found.filter((term) => term.figure !== undefined).map((term) => term.year),
  );
  const checkable = found.every(
    (term) =>
      printedYears.has(term.year) &&
      (term.figure !== undefined || term.reference.optional === true),
  );
  if (!checkable) return undefined;
  // A row the report leaves out counts as zero, so it is left out of the arithmetic too.
  return found.flatMap(({ reference, figure }) =>
    figure === undefined ? [] : [{ figure, sign: reference.sign ?? 1 }],
  );
}

/** Flips the terms' signs where a relation allows either sign and the print chose the other. */
function withTargetSign(target: PrintedFigure, terms: Term[]): Term[] {
  const sum = terms.reduce(
    (total, term) =>
      term.sign === 1 ? total.plus(term.figure.value) : total.minus(term.figure.value),
    new Big(0),
  );
  if (sum.eq(0) || target.value.eq(0) || sum.lt(0) === target.value.lt(0)) return terms;
  return terms.map((term) => ({ ...term, sign: term.sign === 1 ? -1 : 1 }));
}

/**
 * Every relation between statements (see `statementRelations`) for each of the report's own
 * figures it targets; the terms come from the report, else from the other reports given.
 */
export function checkRelations(index: FigureIndex): ReconcileFinding[] {
  return statementRelations.flatMap((relation) =>
    index.own
      .filter(
        (figure) =>
          figure.statement === relation.target.statement &&
          figure.row.key === relation.target.row &&
          (relation.kinds ?? ['utfall']).includes(figure.column.kind as 'utfall'),
      )
      .flatMap((target) => {
        const found = termsFor(relation, target, index);
        if (found === undefined) return [];
        const terms = relation.absolute === true ? withTargetSign(target, found) : found;
        const finding = checkArithmetic(relation.check, target, terms);
        return finding === undefined ? [] : [finding];
      }),
  );
}

/**
 * Each comparison column (a year before the report's) against the same figure in the report
 * of that year, when that report is given.
 */
export function checkComparisonColumns(index: FigureIndex): ReconcileFinding[] {
  return index.own
    .filter((figure) => figure.column.år < index.report.år)
    .flatMap((figure) => {
      const original = index.inReportOfItsYear({
        statement: figure.statement,
        row: figure.row.key,
        year: figure.column.år,
        kind: figure.column.kind,
      });
      if (original === undefined) return [];
      const finding = checkArithmetic('jämförelsekolumn', figure, [{ figure: original, sign: 1 }]);
      return finding === undefined ? [] : [finding];
    });
}
