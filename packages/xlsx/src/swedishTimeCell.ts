import { minuteInSweden } from '@finsam-ledger/core';
import type { CellInput } from './SheetBuilder.js';

/** The format of a date-time cell: the day and the minute, as a Swedish reader writes them. */
export const dateTimeNumberFormat = 'yyyy-mm-dd hh:mm';

/** The format of a whole number that is no amount (a count of days): no decimals, no grouping. */
export const wholeNumberFormat = '0';

/** Milliseconds in a day, and the Excel serial day of 1970-01-01 (day 0 is 1899-12-30). */
const dayMs = 86_400_000;
const excelSerialOfUnixEpoch = 25_569;

/**
 * The Excel serial date-time of the minute on the office clock in Sweden (Europe/Stockholm, CET
 * or CEST) at `instant`, an ISO-8601 instant: whole days since 1899-12-30 plus the fraction of
 * the day, as Excel and LibreOffice hold a date-time. A spreadsheet has no time zone, so the cell
 * holds the local time a Swedish reader means ({@link minuteInSweden}): 2021-03-27T22:30:00Z is
 * 23:30 the same day (CET), 2021-03-28T22:30:00Z 00:30 the next (CEST). Seconds are dropped.
 */
export function swedishMinuteSerial(instant: string): number {
  const [day = '', time = ''] = minuteInSweden(instant).split(' ');
  const [year, month, date] = day.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const localMs = Date.UTC(year!, month! - 1, date!, hour!, minute!);
  return localMs / dayMs + excelSerialOfUnixEpoch;
}

/** An instant's cell: the time in Sweden as a date-time cell, `yyyy-mm-dd hh:mm`. */
export const swedishTimeCell = (instant: string): CellInput => ({
  number: swedishMinuteSerial(instant),
  format: dateTimeNumberFormat,
});

/** A whole number's cell (days past a due date, negative before it); other text stays text. */
export const wholeNumberCell = (text: string): CellInput =>
  /^-?\d{1,15}$/.test(text) ? { number: Number(text), format: wholeNumberFormat } : text;
