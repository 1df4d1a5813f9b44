/**
 * `@finsam-ledger/sie`: SIE 4 ("SIE filformat utgåva 4B") for finsam-ledger. Reads 4E and 4I
 * files as real programs write them, writes CP437 files with `#KSUMMA`, and exports a
 * förbund's year from its ledger. Pure functions over bytes: no I/O.
 *
 * @packageDocumentation
 */
export * from './error.js';
export * from './SieFile.js';
export * from './encoding.js';
export * from './tokenizeSieLine.js';
export * from './ksumma.js';
export * from './readSie.js';
export * from './writeSie.js';
export * from './checkSieBalances.js';
export * from './ledgerDimensions.js';
export {
  exportSie,
  fitSieText,
  sieDocumentOfLedger,
  sieTextLengthMax,
  type SieExportInput,
} from './exportSie.js';
export * from './exportLedgerSie.js';
export * from './SieMapping.js';
export * from './planSieImport.js';
export * from './unmappedSieAccounts.js';
export * from './compareSieWithLedger.js';
export * from './openingBalanceOfPlan.js';
export * from './importSie.js';
export * from './finsamRecords.js';
export * from './finsamExport.js';
export * from './budgetOfSieFile.js';
export * from './yearEndOfSieImport.js';
export * from './proofBalancesOfSieFile.js';
export type { SieCloseSource } from './plannedSieEvents.js';
