import {
  createEventCatalog,
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
import { defineHändelseRättad } from './events/HändelseRättad.js';
import { HistoriskaÅrsuppgifterRegistrerade } from './events/HistoriskaÅrsuppgifterRegistrerade.js';
import { IngåendeBalansRegistrerad } from './events/IngåendeBalansRegistrerad.js';
import { IntäktUpplupen } from './events/IntäktUpplupen.js';
import { KostnadBokförd } from './events/KostnadBokförd.js';
import { KostnadFörutbetald } from './events/KostnadFörutbetald.js';
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

/** The events a correction may reverse: ordinary bookings, not openings, closings or other corrections. */
const correctableModules = [
  MedlemsbidragFakturerat,
  MedlemsbidragMottaget,
  KundfordranBetald,
  ESFUtbetalning,
  IntäktUpplupen,
  ÖvrigIntäktBokförd,
  KostnadBokförd,
  KostnadFörutbetald,
  LeverantörsskuldBetald,
  ÖvrigSkuldBetald,
  PeriodiseringÅterförd,
  MomsÅterbetald,
  FinansiellIntäktBokförd,
  FinansiellKostnadBokförd,
  EgetKapitalRättat,
] as const;

/** The correction event, wired to the modules it can reverse. */
export const HändelseRättad = defineHändelseRättad(
  new Map(
    correctableModules.map((module) => [module.definition.type, module as BookkeepingEventModule]),
  ),
);

/** Every bookkeeping event module, in catalog order. */
export const bookkeepingModules = [
  IngåendeBalansRegistrerad,
  HistoriskaÅrsuppgifterRegistrerade,
  BudgetFastställd,
  BudgetÄndrad,
  PersonalresurserRegistrerade,
  ...correctableModules,
  HändelseRättad,
  RäkenskapsårStängt,
  VerifikationImporterad,
] as const;

/** Events that record decisions and facts about the year but book nothing (no verifikation). */
export const unpostedEventTypes: ReadonlySet<string> = new Set([
  'HistoriskaÅrsuppgifterRegistrerade',
  'BudgetFastställd',
  'BudgetÄndrad',
  'PersonalresurserRegistrerade',
]);

/** Event types that a correction may reverse. */
export const correctableEventTypes: ReadonlySet<string> = new Set(
  correctableModules.map((module) => module.definition.type),
);

/** The bookkeeping event catalog: validates, upcasts and decodes the events of a förbund's books. */
export const bookkeepingCatalog = createEventCatalog([
  IngåendeBalansRegistrerad.definition,
  HistoriskaÅrsuppgifterRegistrerade.definition,
  BudgetFastställd.definition,
  BudgetÄndrad.definition,
  PersonalresurserRegistrerade.definition,
  MedlemsbidragFakturerat.definition,
  MedlemsbidragMottaget.definition,
  KundfordranBetald.definition,
  ESFUtbetalning.definition,
  IntäktUpplupen.definition,
  ÖvrigIntäktBokförd.definition,
  KostnadBokförd.definition,
  KostnadFörutbetald.definition,
  LeverantörsskuldBetald.definition,
  ÖvrigSkuldBetald.definition,
  PeriodiseringÅterförd.definition,
  MomsÅterbetald.definition,
  FinansiellIntäktBokförd.definition,
  FinansiellKostnadBokförd.definition,
  EgetKapitalRättat.definition,
  HändelseRättad.definition,
  RäkenskapsårStängt.definition,
  VerifikationImporterad.definition,
] as const);

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

const modulesByType = new Map<string, BookkeepingEventModule>(
  bookkeepingModules.map((module) => [module.definition.type, module as BookkeepingEventModule]),
);

/** The module of an event type (schema, posting rule, open-item effects). */
export function bookkeepingModule(type: string): BookkeepingEventModule {
  const module = modulesByType.get(type);
  if (!module) throw new Error(`No bookkeeping module for ${type}`);
  return module;
}

/** Posts one event: its verifikationer (without numbers), each balanced. Pure. */
export const postEvent = (event: DomainEvent, chart: Chart): readonly VerifikationDraft[] =>
  bookkeepingModule(event.type).post(event.data, chart);

/** The stream that holds a förbund's books. */
export const bookkeepingStreamId = (förbundId: string): string => `bokforing-${förbundId}`;
