import { InvalidArgumentError } from '@commander-js/extra-typings';

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

/** The parts `report --section` limits the report to: the finances or the participant tables. */
export const reportSections = ['ekonomi', 'deltagare'] as const;

/** One of {@link reportSections}. */
export type ReportSection = (typeof reportSections)[number];
