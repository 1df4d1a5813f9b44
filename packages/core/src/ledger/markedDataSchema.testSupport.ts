import { z } from 'zod';
import { calendarDate, freeText, identifier } from '../events/zodFields.js';

/**
 * A schema with every kind of member the freeze plan tells apart: texts zod's rule searched
 * (`freeText`, `identifier`), a date, an enum, a plain string, and a union of a strict and a
 * loose object. The freeze's property tests share it.
 */
export const markedDataSchema = z
  .object({
    text: freeText(),
    id: identifier().optional(),
    datum: calendarDate(),
    slag: z.enum(['bank', 'kassa']),
    fri: z.string().optional(),
    val: z
      .union([
        z.object({ sätt: z.literal('bank'), text: freeText() }).strict(),
        z.looseObject({ sätt: z.literal('lös') }),
      ])
      .optional(),
  })
  .strict();
