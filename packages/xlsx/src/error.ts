/**
 * The errors of the xlsx package: an {@link XlsxError} with a string `code` and `issues` naming
 * the field and the rule, like the core's `LedgerError`. No bytes are returned when one is
 * raised.
 *
 * @packageDocumentation
 */

/** Every code the xlsx package raises. */
export const xlsxErrorCodes = [
  /**
   * An amount a spreadsheet cell cannot hold exactly: a cell is an IEEE 754 double, exact for
   * decimals of at most 15 significant digits (under 10 000 000 000 000 kr with öre).
   */
  'AMOUNT_NOT_EXACT_IN_CELL',
  /** Neither the financial report nor the participant tables asked for: a workbook has a sheet. */
  'NOTHING_TO_WRITE',
] as const;

/** One of {@link xlsxErrorCodes}. */
export type XlsxErrorCode = (typeof xlsxErrorCodes)[number];

/** One violated rule, naming the field (e.g. `Resultaträkning.verksamhetens-intäkter[0]`). */
export interface XlsxIssue {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

/**
 * The mark every {@link XlsxError} carries, registered globally (`Symbol.for`) so that
 * {@link isXlsxError} recognises an error made by another copy of this package (the ESM and the
 * CommonJS build loaded side by side).
 */
const xlsxErrorBrand = Symbol.for('@finsam-ledger/xlsx/XlsxError');

/** A workbook that cannot be written as asked. */
export class XlsxError extends Error {
  override readonly name = 'XlsxError';
  /** See `xlsxErrorBrand`: what {@link isXlsxError} checks, not `instanceof`. */
  readonly [xlsxErrorBrand] = true;
  readonly code: XlsxErrorCode;
  readonly issues: readonly XlsxIssue[];
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: XlsxErrorCode,
    message: string,
    options: { issues?: readonly XlsxIssue[]; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.code = code;
    this.issues = options.issues ?? [];
    this.details = options.details ?? {};
  }

  /** A plain, JSON-serialisable view, for logs and for the CLI. */
  toJSON(): {
    code: XlsxErrorCode;
    message: string;
    issues: readonly XlsxIssue[];
    details: Readonly<Record<string, unknown>>;
  } {
    const { code, message, issues, details } = this;
    return { code, message, issues, details };
  }
}

/** True if `value` is an {@link XlsxError}, optionally of the given code. */
export const isXlsxError = <Code extends XlsxErrorCode = XlsxErrorCode>(
  value: unknown,
  code?: Code,
): value is XlsxError & { readonly code: Code } =>
  typeof value === 'object' &&
  value !== null &&
  (value as { [xlsxErrorBrand]?: unknown })[xlsxErrorBrand] === true &&
  (code === undefined || (value as XlsxError).code === code);
