export * from './ChartOfAccounts.js';
export * from './Verifikation.js';
export * from './OpenItem.js';
export * from './BookkeepingEventModule.js';
export * from './bookkeepingCatalog.js';
export * from './postingFold.js';
export * from './BookkeepingState.js';
export * from './bookkeepingDecider.js';
export { IngåendeBalansRegistrerad } from './events/IngåendeBalansRegistrerad.js';
export { HistoriskaÅrsuppgifterRegistrerade } from './events/HistoriskaÅrsuppgifterRegistrerade.js';
export { MedlemsbidragFakturerat } from './events/MedlemsbidragFakturerat.js';
export { MedlemsbidragMottaget } from './events/MedlemsbidragMottaget.js';
export { KundfordranBetald } from './events/KundfordranBetald.js';
export { ESFUtbetalning } from './events/ESFUtbetalning.js';
export { IntäktFörutbetald } from './events/IntäktFörutbetald.js';
export { IntäktUpplupen } from './events/IntäktUpplupen.js';
export { ÖvrigIntäktBokförd } from './events/ÖvrigIntäktBokförd.js';
export { KostnadBokförd } from './events/KostnadBokförd.js';
export { KostnadFörutbetald } from './events/KostnadFörutbetald.js';
export { KostnadKrediterad } from './events/KostnadKrediterad.js';
export { LeverantörsskuldBetald } from './events/LeverantörsskuldBetald.js';
export { PeriodiseringÅterförd } from './events/PeriodiseringÅterförd.js';
export { MomsÅterbetald } from './events/MomsÅterbetald.js';
export { FinansiellIntäktBokförd } from './events/FinansiellIntäktBokförd.js';
export { FinansiellKostnadBokförd } from './events/FinansiellKostnadBokförd.js';
export { RäkenskapsårStängt } from './events/RäkenskapsårStängt.js';
export { BudgetFastställd } from './events/BudgetFastställd.js';
export { BudgetÄndrad } from './events/BudgetÄndrad.js';
export * from './events/budgetFields.js';
export {
  PersonalresurserRegistrerade,
  årsarbetarePerOmrådeSchema,
  type ÅrsarbetarePerOmråde,
} from './events/PersonalresurserRegistrerade.js';
export {
  FörvaltningsberättelseRegistrerad,
  förvaltningsberättelseAvsnittSchema,
  type FörvaltningsberättelseAvsnitt,
} from './events/FörvaltningsberättelseRegistrerad.js';
export { EgetKapitalRättat, equityCorrectionTargets } from './events/EgetKapitalRättat.js';
export { ÖvrigSkuldBetald } from './events/ÖvrigSkuldBetald.js';
export { VerifikationImporterad } from './events/VerifikationImporterad.js';
