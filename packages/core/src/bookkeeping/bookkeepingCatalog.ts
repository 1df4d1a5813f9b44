import { ledgerError } from '../error.js';
import {
  createEventCatalog,
  definitionsOf,
  type DomainEvent,
  type RecordedDomainEvent,
} from '../ledger/EventCatalog.js';
import type { BookkeepingEventModule } from './BookkeepingEventModule.js';
import type { Chart } from './ChartOfAccounts.js';
import { BudgetFastställd } from './events/BudgetFastställd.js';
import { BudgetÄndrad } from './events/BudgetÄndrad.js';
import { EgetKapitalRättat } from './events/EgetKapitalRättat.js';
import { ESFUtbetalning } from './events/ESFUtbetalning.js';
import { FinansiellIntäktBokförd } from './events/FinansiellIntäktBokförd.js';
import { FinansiellKostnadBokförd } from './events/FinansiellKostnadBokförd.js';
import { FörvaltningsberättelseRegistrerad } from './events/FörvaltningsberättelseRegistrerad.js';
import { defineHändelseRättad } from './events/HändelseRättad.js';
import { HistoriskaÅrsuppgifterRegistrerade } from './events/HistoriskaÅrsuppgifterRegistrerade.js';
import { IngåendeBalansRegistrerad } from './events/IngåendeBalansRegistrerad.js';
import { IntäktFörutbetald } from './events/IntäktFörutbetald.js';
import { IntäktUpplupen } from './events/IntäktUpplupen.js';
import { KostnadBokförd } from './events/KostnadBokförd.js';
import { KostnadFörutbetald } from './events/KostnadFörutbetald.js';
import { KostnadKrediterad } from './events/KostnadKrediterad.js';
import { KundfordranBetald } from './events/KundfordranBetald.js';
import { LeverantörsskuldBetald } from './events/LeverantörsskuldBetald.js';
import { MedlemsbidragFakturerat } from './events/MedlemsbidragFakturerat.js';
import { MedlemsbidragMottaget } from './events/MedlemsbidragMottaget.js';
import { MomsÅterbetald } from './events/MomsÅterbetald.js';
import { PersonalresurserRegistrerade } from './events/PersonalresurserRegistrerade.js';
import { PeriodiseringÅterförd } from './events/PeriodiseringÅterförd.js';
import { RäkenskapsårStängt } from './events/RäkenskapsårStängt.js';
import { ÖvrigIntäktBokförd } from './events/ÖvrigIntäktBokförd.js';
import { ÖvrigSkuldBetald } from './events/ÖvrigSkuldBetald.js';
import { VerifikationImporterad } from './events/VerifikationImporterad.js';
import type { VerifikationDraft } from './Verifikation.js';

/**
 * The correction event, wired to the modules it can reverse: those of
 * {@link bookkeepingModules} marked `correctable` (ordinary bookings, not openings,
 * closings, decisions or other corrections). The look-up runs when a correction is checked
 * or posted, after the list below exists.
 */
export const HändelseRättad = defineHändelseRättad((type) => correctableModulesByType.get(type));

/**
 * Every bookkeeping event module, in catalog order: the one list the catalog, the posted
 * and the correctable events are derived from.
 */
export const bookkeepingModules = [
  IngåendeBalansRegistrerad,
  HistoriskaÅrsuppgifterRegistrerade,
  BudgetFastställd,
  BudgetÄndrad,
  PersonalresurserRegistrerade,
  FörvaltningsberättelseRegistrerad,
  MedlemsbidragFakturerat,
  MedlemsbidragMottaget,
  KundfordranBetald,
  ESFUtbetalning,
  IntäktUpplupen,
  IntäktFörutbetald,
  ÖvrigIntäktBokförd,
  KostnadBokförd,
  KostnadFörutbetald,
  KostnadKrediterad,
  LeverantörsskuldBetald,
  ÖvrigSkuldBetald,
  PeriodiseringÅterförd,
  MomsÅterbetald,
  FinansiellIntäktBokförd,
  FinansiellKostnadBokförd,
  EgetKapitalRättat,
  HändelseRättad,
  RäkenskapsårStängt,
  VerifikationImporterad,
] as const;

const modulesByType = new Map<string, BookkeepingEventModule>(
  bookkeepingModules.map((module) => [module.definition.type, module as BookkeepingEventModule]),
);
const correctableModulesByType = new Map(
  [...modulesByType].filter(([, module]) => module.correctable),
);

/** Events that record decisions and facts about the year but book nothing (no verifikation). */
export const unpostedEventTypes: ReadonlySet<string> = new Set(
  bookkeepingModules.filter((module) => !module.posted).map((module) => module.definition.type),
);

/** Event types that a correction may reverse. */
export const correctableEventTypes: ReadonlySet<string> = new Set(correctableModulesByType.keys());

/**
 * The bookkeeping event catalog: validates, upcasts and decodes the events of a förbund's books.
 */
export const bookkeepingCatalog = createEventCatalog(definitionsOf(bookkeepingModules));

/** Any event of a förbund's books. */
export type BookkeepingEvent = Parameters<typeof bookkeepingCatalog.toNewEvent>[0];
/** A bookkeeping event as read back from a store. */
export type RecordedBookkeepingEvent = BookkeepingEvent & RecordedDomainEvent;
/** The event types of the books. */
export type BookkeepingEventType = BookkeepingEvent['type'];
/** The data of one bookkeeping event type. */
export type BookkeepingEventData<Type extends BookkeepingEventType> = Extract<
  BookkeepingEvent,
  { type: Type }
>['data'];

/** The module of an event type (schema, posting rule, open-item effects, own rule). */
export function bookkeepingModule(type: string): BookkeepingEventModule {
  const module = modulesByType.get(type);
  if (module === undefined)
    throw ledgerError('UNKNOWN_EVENT_TYPE', `${type} is not a bookkeeping event`, {
      issues: [
        { path: 'type', rule: 'known-event-type', message: `${type} is not a bookkeeping event` },
      ],
      details: { type },
    });
  return module;
}

/** Posts one event: its verifikationer (without numbers), each balanced. Pure. */
export const postEvent = (event: DomainEvent, chart: Chart): readonly VerifikationDraft[] =>
  bookkeepingModule(event.type).post(event.data, chart);

/** The stream that holds a förbund's books. */
export const bookkeepingStreamId = (förbundId: string): string => `bokforing-${förbundId}`;
