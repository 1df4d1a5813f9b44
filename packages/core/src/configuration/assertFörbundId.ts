import { ledgerError } from '../error.js';
import { förbundIdPattern } from './förbundConfigurationSchema.js';

/**
 * Refuses a förbund id that the configuration would refuse: `createLedger` and
 * `createParticipantRegister` name their streams after it (`bokforing-<förbundId>`), so an empty
 * id, one with a slash, spaces or capitals would be a stream no configuration can name again.
 *
 * @throws LedgerError `INVALID_STREAM_ID` naming `förbundId`, rule `förbund-id`.
 */
export function assertFörbundId(förbundId: unknown): asserts förbundId is string {
  if (typeof förbundId === 'string' && förbundIdPattern.test(förbundId)) return;
  const message = `förbundId must be 1 to 64 lower-case letters a–z, digits and hyphens, e.g. "roslagen", not ${JSON.stringify(förbundId)}`;
  throw ledgerError('INVALID_STREAM_ID', message, {
    issues: [{ path: 'förbundId', rule: 'förbund-id', message }],
    details: { förbundId },
  });
}
