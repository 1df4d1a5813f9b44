import { createLedger, type Ledger } from '../facade/createLedger.js';
import { at, must, mustTask, recordScenario2020 } from './openItemsAtYearEnd.testScenario.js';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import type { EventStore } from '../store/EventStore.js';

/**
 * Test support for the drill-down, the huvudbok and the footnotes (not shipped API): the
 * open-item scenario's 2020, then in 2021 a cost booked by mistake and corrected
 * (`HändelseRättad`), the right cost booked, and the historical figures of 2019.
 */
export async function drilldownScenario(): Promise<{
  store: EventStore;
  ledger: Ledger;
  mistakeId: string;
  correctionId: string;
  historyId: string;
}> {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  const historyId = await must(
    ledger,
    'HistoriskaÅrsuppgifterRegistrerade',
    {
      år: 2019,
      källa: 'Årsredovisning 2019',
      resultaträkning: {
        verksamhetensIntäkter: '9000000.00',
        verksamhetensKostnader: '8500000.00',
        avskrivningar: '0.00',
        finansiellaIntäkter: '0.00',
        finansiellaKostnader: '0.00',
      },
    },
    '2020-01-02T07:00:00.000Z',
  );
  await recordScenario2020(ledger);
  const mistake = {
    datum: '2021-02-10',
    område: 'operativa',
    post: 'Insatspersonal',
    belopp: '12500.00',
    text: 'Coach feb (fel belopp)',
    betalning: { sätt: 'bank' },
  };
  const mistakeId = await must(ledger, 'KostnadBokförd', mistake, '2021-02-10T08:00:00.000Z');
  const correction = await mustTask(
    ledger.correct(mistakeId, '2021-02-12', 'Fel belopp', at('2021-02-12T08:00:00.000Z')),
  );
  await must(
    ledger,
    'KostnadBokförd',
    { ...mistake, belopp: '1250.00', text: 'Coach feb' },
    '2021-02-12T08:05:00.000Z',
  );
  return { store, ledger, mistakeId, correctionId: correction.event.eventId, historyId };
}
