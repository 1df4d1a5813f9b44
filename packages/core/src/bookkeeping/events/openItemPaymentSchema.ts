import { z } from 'zod';
import { calendarDate, freeText, identifier } from '../../events/zodFields.js';
import { positiveAmount } from '../../money/zodMoney.js';

/**
 * The data of a payment of an open item through the bank (`KundfordranBetald`,
 * `LeverantörsskuldBetald`, `ÖvrigSkuldBetald`): the day, the item, the amount paid (in whole or
 * in part), and optionally a text and the counterparty. One schema, so that the three payments
 * always take the same fields; a new schema object each call, so that a JSON Schema of the
 * catalog writes each event's data out in full rather than as a reference to another event's.
 */
export const openItemPaymentSchema = () =>
  z
    .object({
      datum: calendarDate(),
      postId: identifier(),
      belopp: positiveAmount(),
      text: freeText().optional(),
      motpart: freeText(200).optional(),
    })
    .strict();
