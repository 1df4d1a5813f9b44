import * as E from 'fp-ts/Either';
import { z } from 'zod';
import { ledgerError, type LedgerError } from '../../error.js';
import { defineEvent } from '../../events/defineEvent.js';
import { accountNumber, calendarDate, freeText, identifier } from '../../events/zodFields.js';
import { Money } from '../../money/Money.js';
import { positiveAmount, signedAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import { unknownDimensionValues, type Chart } from '../ChartOfAccounts.js';
import { openItemKinds, openItemSpecSchema, type OpenItemEffect } from '../OpenItem.js';
import { refusal } from '../refusal.js';
import { dimensionNames, dimensionerOf, type VerifikationRad } from '../Verifikation.js';

const dimensionerSchema = z
  .object(Object.fromEntries(dimensionNames.map((name) => [name, freeText(100).optional()])))
  .strict();

const radSchema = z
  .object({
    konto: accountNumber(),
    /** Debet positive, kredit negative. */
    belopp: signedAmount(),
    dimensioner: dimensionerSchema.optional(),
    /** The row's own text in the old system (SIE `#TRANS` transtext), when it has one. */
    text: freeText().optional(),
  })
  .strict();

/** An open item the imported verifikation opens (or, for a correction, reopens). */
const öppnasSchema = z
  .object({
    händelse: z.literal('öppnas'),
    /** The date the item was opened: it counts in Not 3/4 from this date. */
    datum: calendarDate(),
    post: openItemSpecSchema,
    /** True when the verifikation reopens what an earlier one settled (a corrected payment). */
    återöppnas: z.literal(true).optional(),
  })
  .strict();

/** An open item the imported verifikation settles, in part or (`helt`) whole. */
const reglerasSchema = z
  .object({
    händelse: z.literal('regleras'),
    postId: identifier(),
    belopp: positiveAmount(),
    /** The kinds of item this settlement may settle; anything else is refused. */
    slag: z.array(z.enum(openItemKinds)).min(1).max(openItemKinds.length),
    /** True when the whole open amount must be settled (an accrual's reversal). */
    helt: z.boolean(),
  })
  .strict();

/**
 * A verifikation brought in from another accounting system's SIE file: its rows as the
 * förbund's SIE mapping placed them on the ledger's accounts and dimensions, with their own
 * texts, and its source (the file's SHA-256, the series and number it had there, when and by
 * whom it was registered there), so that an auditor finds it in the old system and importing
 * the same file twice books nothing new.
 */
export const VerifikationImporterad = defineBookkeepingEvent({
  definition: defineEvent({
    type: 'VerifikationImporterad',
    category: 'bokföring',
    schema: z
      .object({
        datum: calendarDate(),
        text: freeText(),
        källa: z
          .object({
            filHash: z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be a SHA-256 in hex' }),
            serie: z.string().max(20, { error: 'must be at most 20 characters' }),
            nummer: z.string().max(20, { error: 'must be at most 20 characters' }),
            /**
             * When the old system registered it (SIE `#VER` regdatum): Bokföringslagen 5 kap.
             * 7 § asks when a verifikation was compiled, and the import's own date is not that.
             */
            registrerad: calendarDate().optional(),
            /** Who registered it there (SIE `#VER` sign), when the file says. */
            signatur: freeText(100).optional(),
          })
          .strict(),
        rader: z
          .array(radSchema)
          .min(2, { error: 'a verifikation has at least two rows' })
          .max(10_000),
        /**
         * The open items the verifikation opens and settles, when the file says so (finsam's
         * own `#FINSAMVER` record): with them the imported books list the same items in Not 3
         * and Not 4. A foreign file has none; its balances are then not items.
         */
        öppnaPoster: z
          .array(z.union([öppnasSchema, reglerasSchema]))
          .max(1000)
          .optional(),
      })
      .strict()
      .superRefine((data, context) => {
        const imbalance = Money.sum(data.rader.map((rad) => Money.from(rad.belopp)));
        if (!imbalance.isZero())
          context.addIssue({
            code: 'custom',
            path: ['rader'],
            message: `the rows must sum to zero (Σ debet = Σ kredit); they sum to ${imbalance.toString()}`,
            params: { rule: 'balanced' },
          });
      }),
    businessDate: (data) => data.datum,
    description:
      "A verifikation imported from another system's SIE file, its rows mapped onto the ledger's chart and dimensions (with their own texts), with its source (file hash, series, number, and when and by whom the old system registered it) and, where the file names them, the open items it opens and settles.",
  }),
  // An imported verifikation is an ordinary booking: a mistake in it is corrected by its reverse.
  correctable: true,
  // Rows that take the VAT account down and book the bank are a refund from Skatteverket, held
  // to the receivable; without the bank (a credit note's VAT against a payable) they may leave a
  // VAT debt, as a native credit note may.
  vatRefund: (data, chart) => data.rader.some((rad) => rad.konto === chart.roles.bank),
  // A settlement above what is open is the open-item row's fault (the rows themselves balance).
  fieldPaths: { amount: 'data.öppnaPoster', rows: 'data.rader' },
  openItemEffects: (data): OpenItemEffect[] =>
    (data.öppnaPoster ?? []).map((effect, index): OpenItemEffect => {
      const path = `data.öppnaPoster.${index}.postId`;
      if (effect.händelse === 'öppnas')
        return {
          effect: 'open',
          path: `data.öppnaPoster.${index}.post.postId`,
          item: effect.post,
          datum: effect.datum,
          ...(effect.återöppnas === true ? { reopen: true } : {}),
        };
      return {
        effect: 'settle',
        path,
        postId: effect.postId,
        belopp: effect.belopp,
        slag: effect.slag,
        whole: effect.helt,
      };
    }),
  check: (_state, { data }) => checkDimensionValues(data.rader),
  post: (data, chart) => {
    const rader: VerifikationRad[] = data.rader.map((rad, index) => {
      // The account must be the chart's: an unknown one is refused as UNKNOWN_ACCOUNT, naming
      // the row, before the decider's own check could only name the account.
      if (!chart.hasAccount(rad.konto)) throw unknownAccount(chart, rad.konto, index);
      const dimensioner = dimensionerOf(rad.dimensioner ?? {});
      return {
        konto: rad.konto,
        belopp: Money.from(rad.belopp),
        ...(dimensioner === undefined ? {} : { dimensioner }),
        ...(rad.text === undefined ? {} : { text: rad.text }),
      };
    });
    return [{ datum: data.datum, text: data.text, rader }];
  },
});

/** Refuses imported rows whose område, medlemskategori or intäktsslag is not one of its values. */
function checkDimensionValues(
  rader: readonly { readonly dimensioner?: Readonly<Record<string, string | undefined>> }[],
): E.Either<LedgerError, void> {
  const issues = rader.flatMap((rad, index) =>
    unknownDimensionValues(rad.dimensioner).map(({ name, message }) => ({
      path: `data.rader.${index}.dimensioner.${name}`,
      rule: 'known-dimension-value',
      message,
    })),
  );
  if (issues.length === 0) return E.right(undefined);
  return refusal(
    'VALIDATION_FAILED',
    `VerifikationImporterad has rows with dimension values the statements do not know (check the sie mapping of the förbund's configuration): ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    issues,
  );
}

/** The refusal of a row on an account the chart does not define, naming the row's field. */
function unknownAccount(chart: Chart, konto: string, index: number) {
  const message = `account ${konto} is not in chart ${chart.name}`;
  return ledgerError(
    'UNKNOWN_ACCOUNT',
    `VerifikationImporterad row ${index + 1} books on account ${konto}, which chart ${chart.name} does not define`,
    {
      issues: [{ path: `data.rader.${index}.konto`, rule: 'account-in-chart', message }],
      details: { account: konto },
    },
  );
}
