import {
  Money,
  dimensionNames,
  isIncomeStatementLine,
  ledgerError,
  registrationDateOf,
  verifikationsnummer,
  type Chart,
  type Verifikation,
  type VerifikationRad,
} from '@finsam-ledger/core';
import { hledgerAccountName, hledgerLinePlacements } from './hledgerAccounts.js';
import {
  hledgerAmount,
  hledgerCommodity,
  hledgerDescription,
  hledgerTags,
} from './hledgerSyntax.js';

/** What a journal needs: the year, the chart and the verifikationer, nothing read or written. */
export interface HledgerJournalInput {
  /** The financial year the journal holds. */
  readonly year: number;
  readonly chart: Chart;
  /**
   * The journal of the books (any years: the earlier ones make the opening balance, and the
   * corrections among the later ones tag what they correct in the year, `rättadAv`).
   */
  readonly verifikationer: readonly Verifikation[];
  /** The förbund's name, for the journal's head comment. */
  readonly companyName?: string;
}

const openingEventType = 'IngåendeBalansRegistrerad';

/** The journal's head: the decimal mark, the commodity, and every account with its type. */
function declarations(input: HledgerJournalInput): string[] {
  const title = `${input.companyName ?? 'Bokföring'} – räkenskapsår ${input.year}`;
  const lines = [
    `; ${title}, skriven av finsam-ledger.`,
    '; En transaktion per verifikation (taggarna verifikation och eventId), dimensionerna som taggar.',
    '; Resultaträkningen utan bokslutsposterna: hledger is not:tag:bokslut',
    '',
    'decimal-mark ,',
    '',
    `commodity 1 000,00 ${hledgerCommodity}`,
    '',
  ];
  const declared = new Set<string>();
  const declare = (name: string, type: string, extra = '') => {
    if (declared.has(name)) return;
    declared.add(name);
    lines.push(`account ${name}  ; type: ${type}${extra}`);
  };
  for (const [line, placement] of Object.entries(hledgerLinePlacements)) {
    const [top] = placement.parent.split(':');
    declare(top!, placement.type);
    declare(placement.parent, placement.type);
    const accounts = input.chart.accounts
      .filter((account) => account.line === line)
      .sort((left, right) => (left.number < right.number ? -1 : 1));
    for (const account of accounts)
      declare(hledgerAccountName(account), placement.type, `, konto:${account.number}`);
  }
  return lines;
}

/** A line as a posting: its dimensions as tags, then its own text (an imported row's). */
const postingLine = (chart: Chart, rad: VerifikationRad): string => {
  const tags = [
    ...dimensionNames.map((name) => [name, rad.dimensioner?.[name]] as const),
    ['text', rad.text] as const,
  ];
  return `    ${hledgerAccountName(chart.account(rad.konto))}  ${hledgerAmount(rad.belopp)}${hledgerTags(tags)}`;
};

/**
 * The ids of the events that correct each corrected event (`HändelseRättad`), by its id, in the
 * order of the verifikationer (recorded order), each once: a correction may post several.
 */
function correctionsByEventId(
  verifikationer: readonly Verifikation[],
): ReadonlyMap<string, readonly string[]> {
  const corrections = new Map<string, string[]>();
  for (const { rättar, eventId } of verifikationer) {
    if (rättar === undefined) continue;
    const ofEvent = corrections.get(rättar) ?? [];
    if (!ofEvent.includes(eventId)) ofEvent.push(eventId);
    corrections.set(rättar, ofEvent);
  }
  return corrections;
}

/**
 * One verifikation as a transaction: its number as the code, its facts as tags, and a
 * `rättadAv` tag for each event that corrects it, so that hledger finds a correction from either
 * end (`tag:rättar`, `tag:rättadAv`), as the verifikationslista leads from each to the other.
 */
function transactionOf(
  chart: Chart,
  verifikation: Verifikation,
  rättadAv: readonly string[],
): string[] {
  const text = hledgerDescription(verifikation.text);
  const description =
    verifikation.motpart === undefined
      ? text
      : `${hledgerDescription(verifikation.motpart)} | ${text}`;
  const number = verifikationsnummer(verifikation);
  const tags = hledgerTags([
    ['verifikation', number],
    ['eventId', verifikation.eventId],
    ['eventType', verifikation.eventType],
    // When the books took it in (the store's stamp), as the verifikationslista prints it.
    ['registrerad', registrationDateOf(verifikation)],
    ['registreradAv', verifikation.registreradAv],
    ['rättar', verifikation.rättar],
    ...rättadAv.map((eventId) => ['rättadAv', eventId] as const),
    ['bokslut', verifikation.bokslut],
    [
      'ingåendeBalans',
      verifikation.eventType === openingEventType ? String(verifikation.år) : undefined,
    ],
  ]);
  return [
    `${verifikation.datum} * (${number}) ${description}${tags}`,
    ...verifikation.rader.map((rad) => postingLine(chart, rad)),
    '',
  ];
}

/**
 * The opening balance of `year` from the verifikationer of the years before: every balance
 * account's balance, and any result of those years not yet closed into eget kapital added to
 * balanserat resultat (as the balansräkning counts it). Empty when there are no earlier years.
 */
function openingBalance(input: HledgerJournalInput): string[] {
  const balances = new Map<string, Money>();
  const add = (konto: string, belopp: Money) =>
    balances.set(konto, (balances.get(konto) ?? Money.zero).plus(belopp));
  const earlier = input.verifikationer.filter((verifikation) => verifikation.år < input.year);
  if (earlier.length === 0) return [];
  for (const rad of earlier.flatMap((verifikation) => verifikation.rader)) {
    const isResult = isIncomeStatementLine(input.chart.account(rad.konto).line);
    add(isResult ? input.chart.roles.balanseratResultat : rad.konto, rad.belopp);
  }
  const rader = [...balances.entries()]
    .filter(([, belopp]) => !belopp.isZero())
    .sort(([left], [right]) => (left < right ? -1 : 1));
  const imbalance = Money.sum(rader.map(([, belopp]) => belopp));
  if (!imbalance.isZero())
    throw ledgerError('ASSERTION_FAILED', 'the opening balance of the journal balances', {
      details: { year: input.year, imbalance: imbalance.toString() },
    });
  const tags = hledgerTags([['ingåendeBalans', String(input.year)]]);
  return [
    `${input.year}-01-01 * (IB-${input.year}) Ingående balans ${input.year}${tags}`,
    ...rader.map(([konto, belopp]) => postingLine(input.chart, { konto, belopp })),
    '',
  ];
}

const byDateThenNumber = (left: Verifikation, right: Verifikation): number =>
  left.datum < right.datum
    ? -1
    : left.datum > right.datum
      ? 1
      : Number(right.eventType === openingEventType) -
          Number(left.eventType === openingEventType) || left.löpnummer - right.löpnummer;

/**
 * The hledger journal of a financial year (hledger 1.25 and later): `decimal-mark ,`, the SEK
 * commodity with its format, every account of the chart declared with its `type:` tag (A, L, E,
 * R, X) under its balansräkning or resultaträkning line, the opening balance of the year as the
 * first transaction (the year's `IngåendeBalansRegistrerad`, or the balances the earlier years
 * leave), then one transaction per verifikation of the year in date order: its number as the
 * code and the `verifikation` tag, its event id, event type, registration and correction as
 * tags (`rättar` on a correction, `rättadAv` on what it corrects, also by a later year's
 * correction), its rows' dimensions (område, post, insats, medlem, …) as posting tags. Closing
 * entries are tagged `bokslut`. Pure: the same input gives the same text.
 */
export function hledgerJournal(input: HledgerJournalInput): string {
  const ofYear = input.verifikationer
    .filter((verifikation) => verifikation.år === input.year)
    .sort(byDateThenNumber);
  const corrections = correctionsByEventId(input.verifikationer);
  const transactions = [
    ...openingBalance(input),
    ...ofYear.flatMap((verifikation) =>
      transactionOf(input.chart, verifikation, corrections.get(verifikation.eventId) ?? []),
    ),
  ];
  return [...declarations(input), '', ...transactions].join('\n');
}
