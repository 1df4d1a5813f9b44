import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { calendarDate, freeText } from '../../events/zodFields.js';
import { Money } from '../../money/Money.js';
import { nonNegativeAmount, signedAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import { accountOfKind, isReceivableKind, openItemSpecSchema } from '../OpenItem.js';
import { compactRader, debet, kredit, type VerifikationRad } from '../Verifikation.js';

/**
 * The opening balance (ingående balans) of a förbund that starts using the library
 * mid-life: the bank balance, the VAT receivable, every open receivable, accrual,
 * prepayment and payable item by item, and the equity brought forward. It must balance
 * (assets = liabilities + equity); the ledger refuses it otherwise, naming the difference.
 * It is recorded once, before any other booking, dated the first day of the first year.
 */
export const IngåendeBalansRegistrerad = defineBookkeepingEvent({
  definition: defineEvent({
    type: 'IngåendeBalansRegistrerad',
    category: 'bokföring',
    schema: z
      .object({
        datum: calendarDate().refine((value) => value.endsWith('-01-01'), {
          error: 'an opening balance is dated the first day of a financial year (YYYY-01-01)',
        }),
        text: freeText(),
        kassaOchBank: nonNegativeAmount(),
        momsfordran: nonNegativeAmount(),
        /** Eget kapital brought forward (balanserat resultat including last year's result). */
        balanseratResultat: signedAmount(),
        öppnaPoster: z.array(openItemSpecSchema).max(10_000),
      })
      .strict()
      .superRefine((data, context) => {
        const ids = new Set<string>();
        data.öppnaPoster.forEach((item, index) => {
          if (ids.has(item.postId))
            context.addIssue({
              code: 'custom',
              path: ['öppnaPoster', index, 'postId'],
              message: `open item ${item.postId} appears twice`,
              params: { rule: 'unique-open-item' },
            });
          ids.add(item.postId);
        });
      }),
    businessDate: (data) => data.datum,
    description:
      'The opening balance of a förbund that starts using the ledger mid-life: bank, VAT receivable, each open receivable, accrual, prepayment and payable, and the equity brought forward. Recorded once, first, dated YYYY-01-01; it must balance.',
  }),
  post(data, chart) {
    const rader: VerifikationRad[] = [
      debet(chart.roles.bank, Money.from(data.kassaOchBank)),
      debet(chart.roles.momsfordran, Money.from(data.momsfordran)),
      ...data.öppnaPoster.map((item) =>
        (isReceivableKind(item.slag) ? debet : kredit)(
          accountOfKind(chart, item.slag),
          Money.from(item.belopp),
        ),
      ),
      kredit(chart.roles.balanseratResultat, Money.from(data.balanseratResultat)),
    ];
    return [{ datum: data.datum, text: data.text, rader: compactRader(rader) }];
  },
  openItemEffects: (data) =>
    data.öppnaPoster.map((item) => ({ effect: 'open' as const, item, datum: data.datum })),
});
