export * from './Statement.js';
export * from './LedgerTotals.js';
export * from './Resultaträkning.js';
export * from './Balansräkning.js';
export * from './Kassaflödesanalys.js';
export * from './renderStatementText.js';
export * from './replayStatements.js';
