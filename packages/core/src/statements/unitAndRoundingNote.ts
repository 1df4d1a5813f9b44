import type { MoneyUnit } from '../money/formatMoney.js';

/** How the documents name each presentation unit, e.g. `belopp i tusental kronor (tkr)`. */
export const unitPhrases: Readonly<Record<MoneyUnit, string>> = {
  kr: 'belopp i kronor (kr)',
  tkr: 'belopp i tusental kronor (tkr)',
  mkr: 'belopp i miljoner kronor (mkr)',
};

/**
 * The sentence every document of the annual report opens with: its unit, and how amounts are
 * rounded. A reader who adds up rounded rows finds sums that differ from them by a unit; this
 * says why, so that the board and the auditor do not take it for an error.
 */
export const unitAndRoundingNote = (unit: MoneyUnit): string =>
  `Tabellerna anger ${unitPhrases[unit]} om inget annat står i tabellrubriken (flerårsöversikten i mkr). Varje belopp avrundas en gång från exakta kronor, halvt bort från noll: en summa är den avrundade exakta summan, inte summan av avrundade rader, och kan därför skilja sig från den med en enhet.`;
