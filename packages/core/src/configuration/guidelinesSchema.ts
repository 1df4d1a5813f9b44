import Big from 'big.js';
import { z } from 'zod';
import { defaultFinancialGuidelines } from '../statements/FinansiellaRiktlinjer.js';

const share = () =>
  z
    .string({ error: 'must be a share as a decimal string, e.g. "0.70"' })
    .regex(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/, {
      error:
        'must be a share as a decimal string from 0 to 1 with at most six decimals, e.g. "0.70"',
    });
const kronor = () =>
  z
    .string({ error: 'must be an amount in kronor as a decimal string, e.g. "2000000.00"' })
    .regex(/^\d{1,15}(\.\d{1,2})?$/, {
      error:
        'must be an amount in kronor of at least zero, a decimal string with at most two decimals, e.g. "2000000.00"',
    });

/**
 * One step of the eget kapital table: up to `medelstilldelningMax` kronor of member
 * contributions in the year (the last step has none: every larger allocation), eget
 * kapital may be at most `andelMax` of them.
 */
export const egetKapitalStegSchema = z
  .object({
    medelstilldelningMax: kronor()
      .optional()
      .describe(
        'The largest yearly member contributions (kronor) the step covers; left out on the last step.',
      ),
    andelMax: share().describe(
      'The largest eget kapital as a share of the contributions, e.g. "0.20".',
    ),
  })
  .strict();

/**
 * The financial guidelines as configured: the same fields as `FinancialGuidelines`, every
 * threshold a decimal string. Defaults: `operativaAndelMin` "0.70", `egetKapitalAndelMax`
 * "0.20"; a limit left out is not checked.
 */
export const financialGuidelinesSchema = z
  .object({
    administrativaKostnaderMax: kronor()
      .optional()
      .describe(
        'The most the administrativa kostnader may cost in a year, in kronor; left out, not checked.',
      ),
    administrativaAndelMax: share()
      .optional()
      .describe(
        'The largest share of verksamhetens kostnader for administrativa kostnader; left out, not checked.',
      ),
    operativaAndelMin: share()
      .default(defaultFinancialGuidelines.operativaAndelMin)
      .describe(
        'The least share of the insatsmedel for operativa individinsatser; default "0.70".',
      ),
    strukturpåverkandeAndelMin: share()
      .optional()
      .describe(
        'The least share of the insatsmedel for strukturpåverkande insatser; left out, reported only.',
      ),
    egetKapitalAndelMax: share()
      .default(defaultFinancialGuidelines.egetKapitalAndelMax)
      .describe(
        'The largest eget kapital at year end as a share of the year\'s member contributions; default "0.20".',
      ),
    egetKapitalTrappa: z
      .array(egetKapitalStegSchema)
      .min(1)
      .describe(
        "A step table for the eget kapital limit by the size of the medelstilldelning (Nationella rådet's trappa); replaces egetKapitalAndelMax when given.",
      )
      .optional()
      .superRefine((steps, context) => {
        if (steps === undefined) return;
        steps.forEach((step, index) => {
          const last = index === steps.length - 1;
          if (last !== (step.medelstilldelningMax === undefined))
            context.addIssue({
              code: 'custom',
              path: [index, 'medelstilldelningMax'],
              message: last
                ? 'the last step has no medelstilldelningMax: it covers every larger allocation'
                : 'every step but the last has a medelstilldelningMax',
              params: { rule: 'open-last-step' },
            });
          const previous = steps[index - 1]?.medelstilldelningMax;
          if (
            previous !== undefined &&
            step.medelstilldelningMax !== undefined &&
            new Big(step.medelstilldelningMax).lte(previous)
          )
            context.addIssue({
              code: 'custom',
              path: [index, 'medelstilldelningMax'],
              message: 'the steps go up: each medelstilldelningMax is larger than the one before',
              params: { rule: 'ascending-steps' },
            });
        });
      }),
    finsamAvvikelseMax: kronor()
      .optional()
      .describe(
        'How far (kronor) each medlemskategori may be from its Finsam 5 § share and pass; default less than one öre.',
      ),
  })
  .strict();
