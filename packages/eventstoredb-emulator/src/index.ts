/**
 * `@finsam-ledger/eventstoredb-emulator`: a loopback gRPC server that speaks the part of
 * EventStoreDB's protocol the official client uses to append and read, with fault
 * injection. A test harness only: it is private and never published.
 *
 * @packageDocumentation
 */
export { startEventStoreDBEmulator, emulatorLimits } from './startEventStoreDBEmulator.js';
export type {
  EmulatorFault,
  EmulatorMethod,
  EventStoreDBEmulator,
  EventStoreDBEmulatorOptions,
} from './startEventStoreDBEmulator.js';
export type { EmulatorRecord } from './emulatorStore.js';
export {
  EmulatorError,
  emulatorErrorCodes,
  isEmulatorError,
  type EmulatorErrorCode,
} from './error.js';
