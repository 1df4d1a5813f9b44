/**
 * The errors of the emulator itself (not the gRPC statuses it answers clients with, which
 * are EventStoreDB's). Each has a stable `code`, so a test can tell a misuse of the harness
 * from a failure of the code under test.
 *
 * - `EMULATOR_FULL`: the emulator holds its maximum number of events.
 * - `INVALID_FAULT`: a fault to inject is malformed, or too many are pending.
 * - `ASSERTION_FAILED`: a broken invariant of the emulator, a bug.
 */
export const emulatorErrorCodes = ['EMULATOR_FULL', 'INVALID_FAULT', 'ASSERTION_FAILED'] as const;

/** One of {@link emulatorErrorCodes}. */
export type EmulatorErrorCode = (typeof emulatorErrorCodes)[number];

/** An error the emulator raises about itself. */
export class EmulatorError extends Error {
  override readonly name = 'EmulatorError';
  readonly code: EmulatorErrorCode;

  constructor(code: EmulatorErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** True if `value` is an {@link EmulatorError}, optionally of the given code. */
export const isEmulatorError = (value: unknown, code?: EmulatorErrorCode): value is EmulatorError =>
  value instanceof EmulatorError && (code === undefined || value.code === code);
