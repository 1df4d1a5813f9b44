/**
 * `@finsam-ledger/hledger`: a förbund's books as an hledger journal, for plain-text accounting
 * tools (hledger, and ledger with its own syntax differences) and for auditors who check the
 * statements with a second program. Pure: verifikationer in, text out.
 *
 * @packageDocumentation
 */
export * from './hledgerAccounts.js';
export * from './hledgerSyntax.js';
export * from './hledgerJournal.js';
export * from './exportLedgerHledger.js';
