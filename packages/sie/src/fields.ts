import { sieError } from './error.js';
import type { SieField, SieRecord } from './tokenizeSieLine.js';

/** The text of field `index`, or `undefined` when absent (an object list reads as absent). */
export function optionalText(record: SieRecord, index: number): string | undefined {
  const field: SieField | undefined = record.fields[index];
  return field?.kind === 'text' ? field.value : undefined;
}

/** The text of field `index`, refused with the line number when absent. */
export function requiredText(record: SieRecord, index: number, name: string): string {
  const value = optionalText(record, index);
  if (value === undefined)
    throw sieError('INVALID_FIELD', `${record.label} has no ${name}`, {
      line: record.line,
      path: `${record.label}.${name}`,
      rule: 'required',
    });
  return value;
}

const amountPattern = /^[+-]?\d{1,15}(\.\d{1,2})?$/;

/** A SIE amount (`.` as decimal point, at most two decimals), normalised to two decimals. */
export function parseAmount(value: string, record: SieRecord, name = 'belopp'): string {
  if (!amountPattern.test(value))
    throw sieError(
      'INVALID_AMOUNT',
      `${record.label} ${name} ${JSON.stringify(value)} is not an amount with "." and at most two decimals`,
      { line: record.line, path: `${record.label}.${name}`, rule: 'at-most-two-decimals' },
    );
  const unsigned = value.replace(/^[+-]/, '');
  const [whole = '0', fraction = ''] = unsigned.split('.');
  const normalisedWhole = whole.replace(/^0+(?=\d)/, '');
  const digits = `${normalisedWhole}.${fraction.padEnd(2, '0')}`;
  return value.startsWith('-') && /[1-9]/.test(digits) ? `-${digits}` : digits;
}

/** A SIE date `YYYYMMDD` as `YYYY-MM-DD`, refused when it does not exist. */
export function parseDate(value: string, record: SieRecord, name: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  const iso = match ? `${match[1]}-${match[2]}-${match[3]}` : '';
  const parsed = match ? new Date(`${iso}T00:00:00Z`) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso)
    throw sieError(
      'INVALID_DATE',
      `${record.label} ${name} ${JSON.stringify(value)} is not a date that exists (YYYYMMDD)`,
      { line: record.line, path: `${record.label}.${name}`, rule: 'existing-date' },
    );
  return iso;
}

/** An optional date: absent or empty is `undefined`. */
export function optionalDate(record: SieRecord, index: number, name: string): string | undefined {
  const value = optionalText(record, index);
  return value === undefined || value === '' ? undefined : parseDate(value, record, name);
}

/** A year index of `#RAR`, `#IB`, `#UB`, `#RES`: 0, −1, … */
export function parseYearIndex(record: SieRecord): number {
  const value = requiredText(record, 0, 'årsnr');
  if (!/^-?\d{1,2}$/.test(value))
    throw sieError(
      'INVALID_FIELD',
      `${record.label} årsnr ${JSON.stringify(value)} is not 0, -1, …`,
      {
        line: record.line,
        path: `${record.label}.årsnr`,
        rule: 'year-index',
      },
    );
  return Number(value);
}
