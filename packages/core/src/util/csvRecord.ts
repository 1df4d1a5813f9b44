/**
 * RFC 4180 quoting: a field with a comma, a quote or a line break is quoted, its quotes
 * doubled. Five lines do not justify a CSV dependency in the pure core.
 */
export const csvField = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** One CSV record: the fields quoted where needed, joined by commas (no line break). */
export const csvRecord = (values: readonly string[]): string => values.map(csvField).join(',');
