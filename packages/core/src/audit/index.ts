/**
 * The auditor's checks of a store (issue 16): replay as stored by an instant, and a full audit
 * (integrity, decoding, the rules re-run, stored numbers and stamps, the invariants of the books).
 *
 * @packageDocumentation
 */
export * from './AuditFinding.js';
export * from './auditStore.js';
export * from './auditStream.js';
export * from './chainVerdict.js';
export * from './checkYearInvariants.js';
export * from './storedBy.js';
