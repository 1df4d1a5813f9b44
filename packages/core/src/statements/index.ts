export * from './Statement.js';
export * from './LedgerTotals.js';
export * from './Resultaträkning.js';
export * from './Balansräkning.js';
export * from './Kassaflödesanalys.js';
export * from './renderStatementText.js';
export * from './replayStatements.js';
export * from './Driftredovisning.js';
export * from './Not1Intäkter.js';
export * from './Not2Kostnader.js';
export * from './openItemsAtYearEnd.js';
export * from './Not3Fordringar.js';
export * from './Not4KortfristigaSkulder.js';
export { vatDebtAtEndOf, vatDebtLine, vatDebtOfBalance } from './vatDebt.js';
export * from './Flerårsöversikt.js';
export * from './FinansiellaRiktlinjer.js';
export { type Medlemsandel } from './medlemsandelarCheck.js';
export * from './annualReport.js';
export * from './renderAnnualReportMarkdown.js';
export * from './renderFörvaltningsberättelse.js';
export * from './renderAnnualReportCsv.js';
export {
  fromBooksOrHistory,
  type FigureSources,
  type SourcedFigures,
} from './fromBooksOrHistory.js';
export * from './annualReportParts.js';
export * from './Huvudbok.js';
export * from './renderHuvudbok.js';
export * from './Reskontra.js';
export * from './unitAndRoundingNote.js';
export * from './renderReskontra.js';
export * from './Verifikationslista.js';
export * from './withEarlierCorrectedNumbers.js';
export * from './renderVerifikationslista.js';
export * from './verifikationRegistration.js';
export * from './footnoteMarks.js';
export * from './reportFootnotes.js';
