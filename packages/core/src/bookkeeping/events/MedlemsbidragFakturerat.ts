import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { calendarDate, freeText, identifier } from '../../events/zodFields.js';
import { Money } from '../../money/Money.js';
import { positiveAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import { medlemskategorier } from '../ChartOfAccounts.js';
import { debet, kredit } from '../Verifikation.js';

/** The fields that say whose contribution it is. */
export const medlemFields = {
  /**
   * The member as the report names it, e.g. `Täby kommun` or `Staten
   * (Försäkringskassan/Arbetsförmedlingen)`.
   */
  medlem: freeText(100),
  medlemskategori: z.enum(medlemskategorier, {
    error: `must be one of ${medlemskategorier.join(', ')}`,
  }),
  /**
   * The period the contribution is for, e.g. `2020 kv 4`: a label in the verifikation's text. The
   * income is the year of `datum`'s.
   */
  period: freeText(50).describe(
    "The period the contribution is for, e.g. '2020 kv 4': a label in the verifikation's text; the income is of the year of datum.",
  ),
};

/**
 * A member's contribution (medlemsbidrag) has been invoiced: income of the year of `datum`, and
 * a receivable (kundfordran) until the member pays. Used when a contribution is still
 * unpaid at year end, as the region's fourth quarter was in Roslagen 2020.
 */
export const MedlemsbidragFakturerat = defineBookkeepingEvent({
  correctable: true,
  definition: defineEvent({
    type: 'MedlemsbidragFakturerat',
    category: 'bokföring',
    schema: z
      .object({
        datum: calendarDate(),
        ...medlemFields,
        belopp: positiveAmount(),
        postId: identifier(),
        /** When the member is to pay (förfallodag): the reskontra ages the receivable by it. */
        förfallodatum: calendarDate().optional(),
        text: freeText().optional(),
      })
      .strict(),
    businessDate: (data) => data.datum,
    description:
      "A member's contribution was invoiced: income of the year of datum (period is only its label) and a kundfordran until the member pays (KundfordranBetald). A contribution for a later year is invoiced in its own year; paid ahead, it is a förutbetald intäkt (IntäktFörutbetald with intäktsslag medlemsbidrag).",
  }),
  post: (data, chart) => [
    {
      datum: data.datum,
      text: data.text ?? `Medlemsbidrag ${data.medlem} ${data.period} (fakturerat)`,
      motpart: data.medlem,
      rader: [
        debet(chart.roles.kundfordringar, Money.from(data.belopp)),
        kredit(chart.contributionAccount(data.medlemskategori), Money.from(data.belopp), {
          medlem: data.medlem,
          medlemskategori: data.medlemskategori,
        }),
      ],
    },
  ],
  openItemEffects: (data) => [
    {
      effect: 'open',
      datum: data.datum,
      item: {
        postId: data.postId,
        slag: 'kundfordran',
        belopp: data.belopp,
        text: data.text ?? `Medlemsbidrag ${data.medlem} ${data.period}`,
        motpart: data.medlem,
        ...(data.förfallodatum === undefined ? {} : { förfallodatum: data.förfallodatum }),
      },
    },
  ],
});
