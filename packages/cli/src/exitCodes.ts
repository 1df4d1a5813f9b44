/**
 * The exit codes of `finsam`, as documented in the package README and in `finsam --help`.
 * A script can tell a refusal of its data (1) from a mistake in how it called the
 * command (2).
 */
export const exitCodes = {
  /** Done. */
  ok: 0,
  /** The ledger refused an event, a check failed (verify), or a store or file could not be used. */
  refused: 1,
  /** A usage error: an unknown command or option, a malformed value, a year outside the books. */
  usage: 2,
} as const;

/** One of {@link exitCodes}. */
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** The text `finsam --help` ends with. */
export const exitCodesHelp = `Exit codes:
  0  ok
  1  a refusal or a failed check (an event the ledger refuses, verify finding an altered store,
     a store or file that cannot be opened)
  2  a usage error (an unknown command or option, a malformed value, a year outside the books)`;
