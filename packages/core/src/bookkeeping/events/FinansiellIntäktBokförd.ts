import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { calendarDate, freeText } from '../../events/zodFields.js';
import { Money } from '../../money/Money.js';
import { positiveAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import { debet, kredit } from '../Verifikation.js';

/** Financial income, e.g. interest on the bank account, received in the bank. */
export const FinansiellIntäktBokförd = defineBookkeepingEvent({
  correctable: true,
  definition: defineEvent({
    type: 'FinansiellIntäktBokförd',
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
    description: 'Financial income, e.g. interest on the bank account, received in the bank.',
  }),
  post: (data, chart) => [
    {
      datum: data.datum,
      text: data.text,
      ...(data.motpart === undefined ? {} : { motpart: data.motpart }),
      rader: [
        debet(chart.roles.bank, Money.from(data.belopp)),
        kredit(chart.roles.finansiellaIntäkter, Money.from(data.belopp)),
      ],
    },
  ],
});
