import test from 'ava';
import { isLedgerError } from '../error.js';
import {
  bookkeepingCatalog,
  bookkeepingModule,
  bookkeepingModules,
  correctableEventTypes,
  HändelseRättad,
  unpostedEventTypes,
} from './bookkeepingCatalog.js';
import { defaultChart } from './ChartOfAccounts.js';

/** The catalog, the posted and the correctable events all come from the one list of modules. */

test('the catalog lists every module once, in the modules’ order', (t) => {
  t.deepEqual(
    bookkeepingCatalog.definitions.map((definition) => definition.type),
    bookkeepingModules.map((module) => module.definition.type),
  );
  t.is(new Set(bookkeepingModules.map((module) => module.definition.type)).size, 26);
});

test('decisions and facts about a year post nothing; everything else posts', (t) => {
  t.deepEqual(
    [...unpostedEventTypes],
    [
      'HistoriskaÅrsuppgifterRegistrerade',
      'BudgetFastställd',
      'BudgetÄndrad',
      'PersonalresurserRegistrerade',
      'FörvaltningsberättelseRegistrerad',
    ],
  );
});

test('ordinary bookings are correctable; openings, closings, decisions and corrections are not', (t) => {
  t.deepEqual(
    [...correctableEventTypes],
    [
      'MedlemsbidragFakturerat',
      'MedlemsbidragMottaget',
      'KundfordranBetald',
      'ESFUtbetalning',
      'IntäktUpplupen',
      'IntäktFörutbetald',
      'ÖvrigIntäktBokförd',
      'KostnadBokförd',
      'KostnadFörutbetald',
      'KostnadKrediterad',
      'LeverantörsskuldBetald',
      'ÖvrigSkuldBetald',
      'PeriodiseringÅterförd',
      'MomsÅterbetald',
      'FinansiellIntäktBokförd',
      'FinansiellKostnadBokförd',
      'EgetKapitalRättat',
      'VerifikationImporterad',
    ],
  );
  t.false(HändelseRättad.correctable);
});

test('an unknown type has no module: UNKNOWN_EVENT_TYPE naming the type, never a plain Error', (t) => {
  const error = t.throws(() => bookkeepingModule('KostnadBetald'));
  t.true(isLedgerError(error, 'UNKNOWN_EVENT_TYPE'));
  t.true(isLedgerError(error) && error.issues[0]?.path === 'type');
});

test('a stored correction of a type that cannot be corrected does not post: EVENT_NOT_CORRECTABLE', (t) => {
  const error = t.throws(() =>
    HändelseRättad.post(
      {
        datum: '2021-04-01',
        rättadEventId: '00000000-0000-4000-8000-000000000001',
        orsak: 'Fel',
        original: { type: 'BudgetFastställd', schemaVersion: 1, data: {} },
      },
      defaultChart,
    ),
  );
  t.true(isLedgerError(error, 'EVENT_NOT_CORRECTABLE'), String(error));
});
