import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { calendarDate, freeText } from '../../events/zodFields.js';
import { Money } from '../../money/Money.js';
import { positiveAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import { debet, kredit } from '../Verifikation.js';

/** A financial cost, e.g. interest or a bank's charge on the account, paid from the bank. */
export const FinansiellKostnadBokförd = defineBookkeepingEvent({
  correctable: true,
  definition: defineEvent({
    type: 'FinansiellKostnadBokförd',
    category: 'bokföring',
    schema: z
      .object({
        datum: calendarDate(),
        belopp: positiveAmount(),
        text: freeText(),
        motpart: freeText(200).optional(),
      })
      .strict(),
    businessDate: (data) => data.datum,
    description:
      'A financial cost, e.g. interest or a charge on the bank account, paid from the bank.',
  }),
  post: (data, chart) => [
    {
      datum: data.datum,
      text: data.text,
      ...(data.motpart === undefined ? {} : { motpart: data.motpart }),
      rader: [
        debet(chart.roles.finansiellaKostnader, Money.from(data.belopp)),
        kredit(chart.roles.bank, Money.from(data.belopp)),
      ],
    },
  ],
});
