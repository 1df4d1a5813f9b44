import { defaultDecimalsPerUnit, type MoneyUnit } from '@finsam-ledger/core';

/**
 * The number format that shows exact kronor in `unit`: each trailing `,` of an Excel format
 * divides what is shown by 1000 while the cell keeps its exact kronor, so `#,##0,` shows
 * 8 217 200,00 kr as `8 217` (tkr) and `#,##0.00,,` as `8,22` (mkr). Decimals follow the core's
 * text report (whole kr, whole tkr, mkr with two decimals); Excel, like the core, rounds what it
 * shows half away from zero. `,` and `.` are the format code's own marks: Excel and LibreOffice
 * show them as the reader's locale does (a space and a decimal comma in Swedish).
 */
export function moneyNumberFormat(unit: MoneyUnit): string {
  const decimals = defaultDecimalsPerUnit[unit];
  const fraction = decimals === 0 ? '' : `.${'0'.repeat(decimals)}`;
  const scale = { kr: '', tkr: ',', mkr: ',,' }[unit];
  return `#,##0${fraction}${scale}`;
}

/** The format of exact kronor with öre, never scaled: a listing's amounts, guideline figures. */
export const öreNumberFormat = '#,##0.00';

/** The format of a count of årsarbetare (full-time equivalents): one decimal, never scaled. */
export const årsarbetareNumberFormat = '0.0';

/** The format of a share held as a fraction (`0.8687`): a percentage with two decimals. */
export const shareNumberFormat = '0.00%';

/** The caption stated on every money sheet, with the rounding rule. */
export const unitCaption = (unit: MoneyUnit): string =>
  `Belopp i ${unit}. Cellerna håller exakta kronor; talformatet visar ${unit}, avrundat halvt bort från noll.`;
