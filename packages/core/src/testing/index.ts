/**
 * `@finsam-ledger/core/testing`: what adapter authors, projection authors and rule authors
 * test with: the store conformance suite, event fixtures, and given/when/then
 * specifications of the write-side rules and projections that need no store.
 *
 * @packageDocumentation
 */
export * from './eventStoreConformance.js';
export * from './bookkeepingFixtures.js';
export * from './reskontraScenario.js';
export * from './vatDebtScenario.js';
export * from './DeciderSpecification.js';
export * from './bookkeepingSpecification.js';
export * from './participantSpecification.js';
export {
  createEventRecorder,
  type Decider,
  type EventRecorder,
  type StateAtRevision,
} from '../ledger/index.js';
export {
  cloneBookkeepingState,
  createBookkeepingDecider,
  evolveBookkeepingState,
  initialBookkeepingState,
  openItemStanding,
  type BookkeepingState,
  type OpenItemStanding,
} from '../bookkeeping/index.js';
export { SettledOpenItems, type SettledOpenItem } from '../bookkeeping/SettledOpenItems.js';
