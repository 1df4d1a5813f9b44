/**
 * The errors of the SIE package. Every refusal of a file is a {@link SieError} with a string
 * `code`, the 1-based `line` of the file where the problem is (when it has one), and `issues`
 * naming the field and the rule, like the core's `LedgerError`. Nothing is read into a ledger
 * from a file that raised one.
 *
 * @packageDocumentation
 */

/** Every code the SIE package raises. */
export const sieErrorCodes = [
  /** The file is larger than the stated limit. */
  'FILE_TOO_LARGE',
  /** The file does not start with `#FLAGGA`, or a record has no label. */
  'NOT_A_SIE_FILE',
  /** A record cannot be split into fields (an unterminated quote or object list). */
  'MALFORMED_RECORD',
  /** A required field is missing or has the wrong form. */
  'INVALID_FIELD',
  /** An amount that is not a decimal with `.` and at most two decimals. */
  'INVALID_AMOUNT',
  /** A date that is not `YYYYMMDD` or does not exist. */
  'INVALID_DATE',
  /** A `#VER` whose `#TRANS` rows do not sum to zero. */
  'UNBALANCED_VERIFIKATION',
  /** A `#TRANS` on an account the file never declares with `#KONTO`. */
  'UNDECLARED_ACCOUNT',
  /** A `#TRANS` on an account the import's mapping places nowhere. */
  'UNMAPPED_ACCOUNT',
  /** The `#KSUMMA` written in the file is not the CRC-32 of its records. */
  'KSUMMA_MISMATCH',
  /** The file ends inside a `#VER` block or after an opening `#KSUMMA` without a closing one. */
  'TRUNCATED_FILE',
  /** A financial year that is not a calendar year (a förbund's year is the calendar year). */
  'NOT_A_CALENDAR_YEAR',
  /** The ledger refuses an event of the import (the line is the `#VER`'s). */
  'IMPORT_REFUSED',
  /** The file's `#ORGNR` is another organisation's than the förbund the books are. */
  'OTHER_ORGANISATION',
  /** After the import (rehearsed on the books staged), a `#UB` or `#RES` differs from the ledger's
   * (nothing is written). */
  'IMPORT_PROOF_FAILED',
  /** A file this package wrote failed its own check: a bug, never the caller's mistake. */
  'SELF_CHECK_FAILED',
] as const;

/** One of {@link sieErrorCodes}. */
export type SieErrorCode = (typeof sieErrorCodes)[number];

/** One violated rule, naming the field (e.g. `#TRANS.belopp`) and the rule. */
export interface SieIssue {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

/**
 * The mark every {@link SieError} carries, registered globally (`Symbol.for`) so that
 * {@link isSieError} recognises an error made by another copy of this package (the ESM and the
 * CommonJS build loaded side by side).
 */
const sieErrorBrand = Symbol.for('@finsam-ledger/sie/SieError');

/** A refused SIE file or a failed self-check, with where in the file it is. */
export class SieError extends Error {
  override readonly name = 'SieError';
  /** See `sieErrorBrand`: what {@link isSieError} checks, not `instanceof`. */
  readonly [sieErrorBrand] = true;
  readonly code: SieErrorCode;
  /** The 1-based line of the file, when the problem has a place. */
  readonly line: number | undefined;
  readonly issues: readonly SieIssue[];
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: SieErrorCode,
    message: string,
    options: {
      line?: number;
      issues?: readonly SieIssue[];
      details?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(
      options.line === undefined ? message : `Line ${options.line}: ${message}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.line = options.line;
    this.issues = options.issues ?? [];
    this.details = options.details ?? {};
  }

  /** A plain, JSON-serialisable view, for logs and for the CLI. */
  toJSON(): {
    code: SieErrorCode;
    message: string;
    line: number | undefined;
    issues: readonly SieIssue[];
    details: Readonly<Record<string, unknown>>;
  } {
    const { code, message, line, issues, details } = this;
    return { code, message, line, issues, details };
  }
}

/** Creates a {@link SieError}; `path` and `rule` become its one issue. */
export const sieError = (
  code: SieErrorCode,
  message: string,
  options: { line?: number; path?: string; rule?: string; details?: Record<string, unknown> } = {},
): SieError =>
  new SieError(code, message, {
    ...(options.line === undefined ? {} : { line: options.line }),
    issues: [{ path: options.path ?? '', rule: options.rule ?? code.toLowerCase(), message }],
    ...(options.details === undefined ? {} : { details: options.details }),
  });

/** True if `value` is a {@link SieError}, optionally of the given code. */
export const isSieError = <Code extends SieErrorCode = SieErrorCode>(
  value: unknown,
  code?: Code,
): value is SieError & { readonly code: Code } =>
  typeof value === 'object' &&
  value !== null &&
  (value as { [sieErrorBrand]?: unknown })[sieErrorBrand] === true &&
  (code === undefined || (value as SieError).code === code);

/** Refusals named by line in a combined refusal's message; its issues hold every one. */
const refusalsInMessageMax = 5;

/**
 * Refuses with every one of `refusals` at once, as one `code`, so that a run names them all: the
 * message says `subject` and the lines of the first few, the issues are every refusal's (each
 * message starting with its line), `details.refusals` each refusal whole, and the line is the
 * first refusal's. One refusal is thrown as it is; none, nothing is thrown.
 */
export function refuseSieErrors(
  code: SieErrorCode,
  refusals: readonly SieError[],
  subject: string,
): void {
  const [first] = refusals;
  if (first === undefined) return;
  if (refusals.length === 1) throw first;
  const where = (error: SieError) => (error.line === undefined ? 'no line' : `line ${error.line}`);
  const named = refusals.slice(0, refusalsInMessageMax).map(where);
  const more = refusals.length - named.length;
  throw new SieError(
    code,
    `${subject}, at ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}; nothing was written`,
    {
      ...(first.line === undefined ? {} : { line: first.line }),
      issues: refusals.flatMap((one) =>
        one.issues.map((issue) => ({ ...issue, message: `${where(one)}: ${issue.message}` })),
      ),
      details: { refusals: refusals.map((one) => one.toJSON()) },
    },
  );
}
