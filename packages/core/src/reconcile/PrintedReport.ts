import { z } from 'zod';

/**
 * The statements a printed report can hold, named as the ledger's `AnnualReport` names them
 * so that a printed statement is compared with the ledger's statement of the same name.
 */
export const printedStatementNames = [
  'resultaträkning',
  'balansräkning',
  'kassaflödesanalys',
  'driftredovisning',
  'not1',
  'not2',
  'not3',
  'not4',
  'flerårsöversikt',
] as const;

/** One of {@link printedStatementNames}. */
export type PrintedStatementName = (typeof printedStatementNames)[number];

/**
 * A figure as printed: digits with optional spaces between thousands, an optional minus
 * (hyphen, en dash or minus sign, optionally followed by a space) and an optional decimal
 * comma: `"9 561 772"`, `"- 8 994 844"`, `"434,4"`, `"-0,59"`, `"3920436"`. A point is refused:
 * `1.317` could be a decimal or a thousands separator, and a transcription must not guess.
 */
export const printedFigurePattern = /^(?:[-–−] ?)?\d+(?:[  ]\d{3})*(?:,\d+)?$/u;

const text = (lengthMax = 300) =>
  z
    .string({ error: 'must be a string' })
    .min(1, { error: 'must not be empty' })
    .max(lengthMax, { error: `must be at most ${lengthMax} characters` });

const key = () =>
  z
    .string({ error: 'must be a string' })
    .min(1, { error: 'must not be empty' })
    .max(200, { error: 'must be at most 200 characters' })
    .regex(/^[^\s-](?:.*\S)?$/u, {
      error: 'must not start with "-" or a space, nor end with a space',
    });

/** A figure as printed, or `null` for an empty cell or a printed dash. */
export const printedFigureSchema = z
  .string({
    // A JSON number is the likeliest slip: say what to type instead (a union would only say
    // "Invalid input").
    error: 'must be the figure as printed in quotes, e.g. "9 561 772", or null for an empty cell',
  })
  .regex(printedFigurePattern, {
    error: 'must be a figure as printed, e.g. "9 561 772", "- 8 994 844", "434,4"',
  })
  .nullable()
  .describe(
    'The figure exactly as printed (spaces between thousands, a decimal comma and a leading minus as the report has them), or null for an empty cell or a dash.',
  );

/** The unit a statement's figures are printed in. */
export const printedUnitSchema = z
  .enum(['kr', 'tkr', 'mkr'], { error: 'must be kr, tkr or mkr' })
  .describe('kr, tkr (thousands) or mkr (millions).');

/** One column of a printed statement. */
export const printedColumnSchema = z
  .object({
    key: key().describe('The column key that sumOf-free checks and differenceOf refer to.'),
    label: text().describe('The column heading as printed, e.g. "2020-12-31".'),
    år: z.number().int().min(1990).max(2200).describe('The year the column is about.'),
    kind: z
      .enum(['utfall', 'budget', 'avvikelse'])
      .default('utfall')
      .describe('utfall (default; also a comparison year), budget or avvikelse.'),
    differenceOf: z
      .tuple([key(), key()])
      .optional()
      .describe(
        'For an avvikelse column: [a, b], the column keys it is printed as the difference a − b of.',
      ),
  })
  .strict();

/** One row of a printed statement. */
export const printedRowSchema = z
  .object({
    key: key().describe(
      "The row key: for the rows the checks know, the ledger's key (e.g. årets-resultat, summa-tillgångar); otherwise any key unique in the statement.",
    ),
    label: text().describe('The row as printed.'),
    sumOf: z
      .array(
        z.string().regex(/^-?[^\s-](?:.*\S)?$/u, {
          error: 'must be a row key, with a leading "-" for a row subtracted',
        }),
      )
      .min(1)
      .optional()
      .describe(
        'For a printed total: the keys of the rows it adds up, a leading "-" for a row it subtracts.',
      ),
    ledgerRow: text()
      .optional()
      .describe(
        "The ledger statement's row key this row is compared with, where it differs from key (default: key, then a ledger row with the same label).",
      ),
    enhet: z
      .enum(['årsarbetare'])
      .optional()
      .describe('årsarbetare for a row of full-time equivalents, never scaled by the unit.'),
    amounts: z.array(printedFigureSchema).describe('One figure per column, in column order.'),
  })
  .strict();

/** One printed statement: its columns and rows. */
export const printedStatementSchema = z
  .object({
    statement: z.enum(printedStatementNames).describe('Which statement this is.'),
    rubrik: text().optional().describe('The heading as printed.'),
    enhet: printedUnitSchema.optional().describe("The statement's unit, where not the report's."),
    avrundning: z
      .enum(['exakt', 'halv-enhet'])
      .optional()
      .describe(
        'exakt: the figures are the exact kronor (default for kr); halv-enhet: each figure is rounded, half away from zero, to its last printed digit (default for tkr and mkr).',
      ),
    columns: z.array(printedColumnSchema).min(1),
    rows: z.array(printedRowSchema).min(1),
  })
  .strict()
  .superRefine((statement, context) => {
    const rowKeys = new Set<string>();
    statement.rows.forEach((row, index) => {
      if (rowKeys.has(row.key))
        context.addIssue({
          code: 'custom',
          path: ['rows', index, 'key'],
          message: `row key ${row.key} is used twice`,
          params: { rule: 'unique-row-key' },
        });
      rowKeys.add(row.key);
      if (row.amounts.length !== statement.columns.length)
        context.addIssue({
          code: 'custom',
          path: ['rows', index, 'amounts'],
          message: `has ${row.amounts.length} figures for ${statement.columns.length} columns`,
          params: { rule: 'one-figure-per-column' },
        });
    });
    statement.rows.forEach((row, index) =>
      (row.sumOf ?? []).forEach((term, termIndex) => {
        if (!rowKeys.has(term.replace(/^-/u, '')))
          context.addIssue({
            code: 'custom',
            path: ['rows', index, 'sumOf', termIndex],
            message: `names no row of the statement: ${term}`,
            params: { rule: 'known-row' },
          });
      }),
    );
  });

/** One printed participant table (Bilaga 1): counts and percentages per column. */
/** The ledger's participant tables a printed table is compared with. */
export const participantTableNames = [
  'anvisadFrån',
  'försörjningVidInskrivning',
  'tidIOffentligFörsörjning',
  'åldersband',
  'avslutsorsaker',
] as const;

export const printedParticipantTableSchema = z
  .object({
    insats: text().describe('The insats the table is about, as printed.'),
    ledger: z
      .object({
        insatsId: text(100).describe(
          'The insats id the participant events use, e.g. mia-roslagen.',
        ),
        period: z
          .enum(['år', 'sedan-start'])
          .describe(
            "år: the report's year; sedan-start: from the insats's first day to the year end.",
          ),
        tabell: z.enum(participantTableNames).describe("The ledger's table of Bilaga 1."),
      })
      .strict()
      .optional()
      .describe("Which of the ledger's participant tables this is, to compare it with."),
    rubrik: text().describe('The table heading as printed.'),
    columns: z
      .array(text(100))
      .min(1)
      .describe('The column headings, e.g. Kvinnor, Män, Samtliga.'),
    rows: z
      .array(
        z
          .object({
            label: text(),
            category: text(100)
              .optional()
              .describe("The ledger's category of the row (arbetsförmedlingen, arbete, …)."),
            antal: z.array(z.number().int().min(0).nullable()).optional(),
            andel: z
              .array(z.number().int().min(0).max(100).nullable())
              .optional()
              .describe('Percentages as printed, whole numbers (13 for "13%").'),
          })
          .strict(),
      )
      .min(1),
    totalt: z
      .object({ label: text(), antal: z.array(z.number().int().min(0)) })
      .strict()
      .describe('The total row: the count each column is out of.'),
  })
  .strict();

/**
 * A published annual report as printed, for `reconcileReport`: the förbund, the year, the
 * unit, and per statement its rows with their printed figures for each column, and the
 * participant tables. A transcription of the paper, digit for digit: what is printed, not
 * what should have been printed.
 */
export const printedReportSchema = z
  .object({
    $schema: z.string().optional(),
    förbund: text().describe("The förbund's name as printed."),
    år: z.number().int().min(1990).max(2200).describe('The year the report is about.'),
    enhet: printedUnitSchema.describe('The unit of the statements that state none.'),
    källa: text(1000).optional().describe('Where the transcription comes from.'),
    statements: z.array(printedStatementSchema),
    deltagare: z.array(printedParticipantTableSchema).optional(),
  })
  .strict();

/** A printed report, parsed. */
export type PrintedReport = z.output<typeof printedReportSchema>;
/** A printed statement, parsed. */
export type PrintedStatement = z.output<typeof printedStatementSchema>;
/** A printed row, parsed. */
export type PrintedRow = z.output<typeof printedRowSchema>;
/** A printed column, parsed. */
export type PrintedColumn = z.output<typeof printedColumnSchema>;
/** A printed participant table, parsed. */
export type PrintedParticipantTable = z.output<typeof printedParticipantTableSchema>;
