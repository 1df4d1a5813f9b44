import { Money, type GuidelineReport } from '@finsam-ledger/core';
import { exactCellNumber } from './exactCellNumber.js';
import { öreNumberFormat, shareNumberFormat } from './numberFormats.js';
import { SheetBuilder, type CellInput } from './SheetBuilder.js';

/** The columns of the guideline sheet, in order; the header sits in row 2 (0-based). */
export const guidelineSheetColumns = [
  'Kontroll',
  'Uppfylld',
  'Uppgift',
  'Värde',
  'Förklaring',
  'Grund',
] as const;

const decimalPattern = /^-?\d+(\.\d+)?$/;

/**
 * A figure's cell: an amount as exact kronor (shown in whole kronor), a share (a decimal
 * fraction such as `0.8687`) as a number shown as a percentage, anything else as text.
 */
function figureCell(path: string, value: Money | string): CellInput {
  if (value instanceof Money)
    return { number: exactCellNumber(value, path), format: öreNumberFormat };
  if (!decimalPattern.test(value)) return value;
  // A share is exact to four decimals at most, far inside a cell's 15 significant digits.
  return { number: Number(value), format: shareNumberFormat };
}

/**
 * The guideline checks of the year: one row per figure of each check, the check's title,
 * verdict (a yes/no cell, empty when it cannot be checked), explanation and rationale on its
 * first row.
 */
export function guidelineSheet(report: GuidelineReport): SheetBuilder {
  const sheet = new SheetBuilder()
    .add(`Finansiella riktlinjer ${report.year}`)
    .add('Belopp i kr (exakta); andelar i procent.')
    .add(...guidelineSheetColumns);
  for (const check of report.checks) {
    const figures = Object.entries(check.figures);
    const verdict = check.passed === null ? undefined : check.passed;
    if (figures.length === 0)
      sheet.add(check.title, verdict, undefined, undefined, check.explanation, check.rationale);
    figures.forEach(([name, value], index) =>
      sheet.add(
        check.title,
        verdict,
        name,
        figureCell(`finansiellaRiktlinjer.${check.key}.figures.${name}`, value),
        index === 0 ? check.explanation : undefined,
        index === 0 ? check.rationale : undefined,
      ),
    );
  }
  return sheet;
}
