import { InvalidArgumentError } from '@commander-js/extra-typings';
import type { StoreHead } from '@finsam-ledger/adapter-file';
import { asOfInstantMs, isCalendarDate, isLedgerError } from '@finsam-ledger/core';

/** The years `--year` accepts: four digits, like the räkenskapsår the ledger books. */
export const yearPattern = /^\d{4}$/;

/** Parses `--year`: four digits, or a usage error naming the value and what is allowed. */
export function parseYear(value: string): number {
  if (!yearPattern.test(value))
    throw new InvalidArgumentError(`"${value}" is not a year: give four digits, e.g. 2022.`);
  return Number(value);
}

/** The presentation units `--unit` accepts. */
export const units = ['kr', 'tkr', 'mkr'] as const;

/** The formats `report --format` accepts. */
export const reportFormats = ['text', 'json', 'csv', 'md', 'xlsx', 'html', 'pdf'] as const;

/** One of {@link reportFormats}. */
export type ReportFormat = (typeof reportFormats)[number];

/**
 * Parses `report --format`: one of {@link reportFormats}, or `markdown` for `md` (the name
 * the format goes by), else a usage error listing the choices as commander's would.
 */
export function parseReportFormat(value: string): ReportFormat {
  const format = value === 'markdown' ? 'md' : value;
  if (!reportFormats.includes(format as ReportFormat))
    throw new InvalidArgumentError(`Allowed choices are ${reportFormats.join(', ')}.`);
  return format as ReportFormat;
}

/** The parts `report --section` limits the report to: the finances or the participant tables. */
export const reportSections = ['ekonomi', 'deltagare'] as const;

/** One of {@link reportSections}. */
export type ReportSection = (typeof reportSections)[number];

/**
 * Parses `--as-of`: a date `YYYY-MM-DD` or an instant (UTC or with its offset), or a usage error
 * saying which rule it broke.
 */
export function parseAsOf(value: string): string {
  try {
    asOfInstantMs(value);
  } catch (error) {
    const rule = isLedgerError(error) ? error.issues[0]?.rule : undefined;
    throw new InvalidArgumentError(
      rule === 'date-exists'
        ? `"${value}" is not a date that exists: give a day of the calendar, e.g. 2023-02-28.`
        : `"${value}" is neither a date (YYYY-MM-DD) nor an instant (2021-04-19T08:00:00Z, 2021-04-19T10:00:00+02:00).`,
    );
  }
  return value;
}

/** Parses a calendar date `YYYY-MM-DD` (`reskontra --date`), or a usage error naming the value. */
export function parseDate(value: string): string {
  if (!isCalendarDate(value))
    throw new InvalidArgumentError(
      `"${value}" is not a date: give one as YYYY-MM-DD, e.g. 2022-12-31.`,
    );
  return value;
}

/** Parses `audit --recorded-drift-hours`: a number of hours, at least 0 and at most a year. */
export function parseDriftHours(value: string): number {
  const hours = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || hours > 8784)
    throw new InvalidArgumentError(
      `"${value}" is not a number of hours: give one from 0 to 8784 (a leap year), e.g. 24.`,
    );
  return hours;
}

/**
 * Parses `audit --registration-deadline-days`: a whole number of days after the end of a
 * business event's month, from 0 to 366.
 */
export function parseDeadlineDays(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 366)
    throw new InvalidArgumentError(
      `"${value}" is not a number of days: give a whole number from 0 to 366, e.g. 50.`,
    );
  return Number(value);
}

/** The formats `finsam id` prints. */
export const idFormats = ['text', 'json'] as const;

/** One of {@link idFormats}. */
export type IdFormat = (typeof idFormats)[number];

/** The most ids `finsam id --new` prints in one run. */
export const newIdsMax = 10_000;

/** Parses `id --new`: a whole number of ids from 1 to {@link newIdsMax}, or a usage error. */
export function parseIdCount(value: string): number {
  if (!/^[1-9]\d*$/.test(value) || Number(value) > newIdsMax)
    throw new InvalidArgumentError(
      `"${value}" is not a number of ids: give a whole number from 1 to ${newIdsMax}, e.g. 3.`,
    );
  return Number(value);
}

/** The formats `finsam explain` prints. */
export const explainFormats = ['text', 'json'] as const;

/** The formats every listing of the books is printed in. */
export const ledgerListingFormats = ['text', 'csv', 'json'] as const;

/**
 * The formats of `finsam huvudbok`, `finsam verifikationer` and `finsam reskontra`: those of
 * every listing, and a workbook, for Swedish Excel, which reads a comma-separated CSV with
 * decimal points wrongly.
 */
export const bookListingFormats = [...ledgerListingFormats, 'xlsx'] as const;

/** The formats `reconcile --format` accepts. */
export const reconcileFormats = ['text', 'json'] as const;

/**
 * Parses `--expected-head`, the form `finsam verify` prints. The hash is read in either case (a
 * head copied from a document may have been set in capitals) and kept in lower case, as the
 * store computes it; surrounding white space from a copy is ignored.
 */
export function parseHead(value: string): StoreHead {
  const match = /^(\d{1,15}):([0-9a-f]{64})$/i.exec(value.trim());
  if (match === null)
    throw new InvalidArgumentError(
      `"${value}" is not a head: give it as finsam verify prints it, <eventCount>:<64 hex digits>.`,
    );
  return { eventCount: Number(match[1]), hash: match[2]!.toLowerCase() };
}
