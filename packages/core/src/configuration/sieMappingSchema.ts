import { z } from 'zod';
import { dimensionNames } from '../bookkeeping/Verifikation.js';
import { accountNumber } from '../events/zodFields.js';

const dimensionValue = z
  .string({ error: 'must be a string' })
  .min(1, { error: 'must not be empty' })
  .max(100, { error: 'must be at most 100 characters' });

/** Dimensions of the ledger (område, post, underpost, insats, medlem, …) given by a rule. */
const dimensionerSchema = z
  .object(
    Object.fromEntries(
      dimensionNames.map((name) => [
        name,
        dimensionValue.optional().describe(`The rows' ${name}, as events write it.`),
      ]),
    ),
  )
  .strict()
  .describe(
    'Ledger dimensions the rows get, e.g. { "område": "administrativa", "post": "Kansli" }.',
  );

/** One rule of the account mapping: a SIE account or range, the ledger account it goes to. */
export const sieAccountRuleSchema = z
  .object({
    från: z
      .string({ error: 'must be a string' })
      .regex(/^\d{1,8}(-\d{1,8})?$/, {
        error: 'must be an account ("4010") or a range ("4000-4999")',
      })
      .describe('The file\'s account ("4010") or an inclusive range of accounts ("4000-4999").'),
    till: accountNumber()
      .optional()
      .describe("The ledger's account the rows go to; left out, the same number."),
    dimensioner: dimensionerSchema.optional(),
  })
  .strict();

/** What an object of a SIE dimension becomes on a ledger row. */
export const sieObjectRuleSchema = z
  .object({
    dimension: z
      .string()
      .regex(/^\d{1,4}$/, { error: 'must be a SIE dimension number, e.g. "1" or "6"' })
      .describe('The file\'s dimension number: "1" kostnadsställe, "6" projekt, 20 and up free.'),
    objekt: dimensionValue
      .optional()
      .describe('One object of the dimension; left out, the rule applies to all its objects.'),
    fält: z
      .enum(dimensionNames)
      .optional()
      .describe("The ledger dimension that takes the object's id, e.g. insats for dimension 6."),
    dimensioner: dimensionerSchema.optional(),
  })
  .strict();

/**
 * The `sie` section of forbund.json: how the accounts and objects of a SIE file the förbund
 * imports become the ledger's accounts and dimensions (see docs/sie.md).
 */
export const sieMappingSchema = z
  .object({
    konton: z
      .array(sieAccountRuleSchema)
      .max(10_000)
      .describe('Account rules, tried in order; the first whose från holds the account wins.'),
    objekt: z
      .array(sieObjectRuleSchema)
      .max(10_000)
      .optional()
      .describe("Object rules: what the objects of the file's dimensions become on the rows."),
    ejFördelat: z
      .object({
        konto: accountNumber().describe(
          "The ledger's account for rows of result accounts no rule places.",
        ),
        dimensioner: dimensionerSchema.optional(),
      })
      .strict()
      .optional()
      .describe(
        'Where rows of result accounts (classes 3-8) no rule holds are booked; a balance account (class 1 or 2) no rule holds is always refused, and with this left out every such account is.',
      ),
  })
  .strict()
  .describe("How a SIE file's accounts and objects map onto the ledger (finsam import sie).");

/** The `sie` section of the configuration, as parsed. */
export type SieMappingConfiguration = z.output<typeof sieMappingSchema>;
