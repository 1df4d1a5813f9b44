import { CommanderError } from '@commander-js/extra-typings';
import { exitCodes } from './exitCodes.js';

/**
 * A usage error found after parsing (a year outside the books, a malformed events file
 * name): commander's own error type, so that it is reported and exits exactly like the
 * errors commander finds itself (an unknown option, a value not among the choices).
 */
export const usageError = (message: string): CommanderError =>
  new CommanderError(exitCodes.usage, 'finsam.usage', `error: ${message}`);
