import test from 'ava';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { createLedger } from '../facade/createLedger.js';
import { balansräkning } from './Balansräkning.js';
import { not4KortfristigaSkulder } from './Not4KortfristigaSkulder.js';
import {
  must,
  recordScenario2020,
  replayWithOpenItems,
} from './openItemsAtYearEnd.testScenario.js';
import { renderStatementText } from './renderStatementText.js';
import { rowOf, type Statement } from './Statement.js';

const table = (statement: Statement) =>
  statement.rows.map((row) => [row.key, row.label, row.amounts[0]?.toString() ?? null]);

test('Not 4: a debt of December paid in January is listed, one settled in December is not, a part-paid one shows what is left; grouped by område; totals equal the balansräkning', async (t) => {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  await recordScenario2020(ledger);
  const { totals, openItems } = await replayWithOpenItems(store, ledger, 2020);
  const not4 = not4KortfristigaSkulder(totals, openItems, 2020);
  t.is(not4.name, 'Not 4 Kortfristiga skulder');
  t.deepEqual(table(not4), [
    ['rubrik:leverantörsskulder', 'Leverantörsskulder', null],
    ['rubrik:leverantörsskulder:strukturpåverkande', 'Strukturpåverkande insatser', null],
    ['post:L-3', 'ASF samordnare nov-dec', '6000.00'], // 10 000 less 4 000 paid on 20 December
    ['rubrik:leverantörsskulder:operativa', 'Operativa individinsatser', null],
    ['post:L-1', 'Arbetsträning Berga beds', '41250.00'], // invoiced 10 December, paid 10 January
    ['summa:leverantörsskulder', 'Summa leverantörsskulder', '47250.00'],
    ['rubrik:övriga-kortfristiga-skulder', 'Övriga kortfristiga skulder', null],
    ['post:ÖS-1', 'Utlägg kansli', '800.00'],
    ['summa:övriga-kortfristiga-skulder', 'Summa övriga kortfristiga skulder', '800.00'],
    [
      'rubrik:upplupna-kostnader-förutbetalda-intäkter',
      'Upplupna kostnader och förutbetalda intäkter',
      null,
    ],
    [
      'rubrik:upplupna-kostnader-förutbetalda-intäkter:administrativa',
      'Administrativa kostnader',
      null,
    ],
    ['post:UK-1', 'Styrelse arvode nov', '44577.00'],
    [
      'rubrik:upplupna-kostnader-förutbetalda-intäkter:operativa',
      'Operativa individinsatser',
      null,
    ],
    ['post:UK-2', 'Team personal okt-dec', '197711.00'],
    [
      'summa:upplupna-kostnader-förutbetalda-intäkter',
      'Summa upplupna kostnader och förutbetalda intäkter',
      '242288.00',
    ],
  ]);
  t.false(
    not4.rows.some((row) => row.key === 'post:L-2'),
    'L-2 was paid on 15 December',
  );
  const br = balansräkning(totals, 2020);
  t.true(
    rowOf(not4, 'summa:leverantörsskulder').amounts[0]!.equals(
      rowOf(br, 'leverantörsskulder').amounts[0]!,
    ),
  );
  t.true(
    rowOf(not4, 'summa:övriga-kortfristiga-skulder').amounts[0]!.equals(
      rowOf(br, 'övriga-kortfristiga-skulder').amounts[0]!,
    ),
  );
  t.true(
    rowOf(not4, 'summa:upplupna-kostnader-förutbetalda-intäkter').amounts[0]!.equals(
      rowOf(br, 'upplupna-kostnader').amounts[0]!,
    ),
  );
  t.is(not4.notes, undefined);
  const text = renderStatementText(not4);
  t.regex(text, /^ {2}Operativa individinsatser$/m);
  t.regex(text, /^ {4}Team personal okt-dec\s+197 711$/m);
});

test('Not 4 the year after: paid and reversed items are gone; items without område come last under their own heading; a flat list when none has one', async (t) => {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  await must(ledger, 'IngåendeBalansRegistrerad', {
    datum: '2021-01-01',
    text: 'IB 2021',
    kassaOchBank: '100000.00',
    momsfordran: '0',
    balanseratResultat: '97000.00',
    öppnaPoster: [
      { postId: 'IB-L1', slag: 'leverantörsskuld', belopp: '3000.00', text: 'Revision 2020' },
    ],
  });
  const { totals: onlyOpening, openItems: openingItems } = await replayWithOpenItems(
    store,
    ledger,
    2021,
  );
  t.deepEqual(table(not4KortfristigaSkulder(onlyOpening, openingItems, 2021)), [
    ['rubrik:leverantörsskulder', 'Leverantörsskulder', null],
    ['post:IB-L1', 'Revision 2020', '3000.00'],
    ['summa:leverantörsskulder', 'Summa leverantörsskulder', '3000.00'],
  ]);
  await must(ledger, 'KostnadBokförd', {
    datum: '2021-12-20',
    område: 'administrativa',
    post: 'Revision',
    belopp: '2000.00',
    text: 'Revisor dec',
    betalning: { sätt: 'leverantörsskuld', postId: 'L-9' },
  });
  const { totals, openItems } = await replayWithOpenItems(store, ledger, 2021);
  t.deepEqual(table(not4KortfristigaSkulder(totals, openItems, 2021)), [
    ['rubrik:leverantörsskulder', 'Leverantörsskulder', null],
    ['rubrik:leverantörsskulder:administrativa', 'Administrativa kostnader', null],
    ['post:L-9', 'Revisor dec', '2000.00'],
    ['rubrik:leverantörsskulder:utan-område', 'Utan område', null],
    ['post:IB-L1', 'Revision 2020', '3000.00'],
    ['summa:leverantörsskulder', 'Summa leverantörsskulder', '5000.00'],
  ]);
});

test('Not 4 after closing: the reversed accruals of 2020 are gone at the end of 2021', async (t) => {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  await recordScenario2020(ledger);
  const { totals, openItems } = await replayWithOpenItems(store, ledger, 2021);
  t.deepEqual(table(not4KortfristigaSkulder(totals, openItems, 2021)), [
    ['rubrik:leverantörsskulder', 'Leverantörsskulder', null],
    ['rubrik:leverantörsskulder:strukturpåverkande', 'Strukturpåverkande insatser', null],
    ['post:L-3', 'ASF samordnare nov-dec', '6000.00'],
    ['summa:leverantörsskulder', 'Summa leverantörsskulder', '6000.00'],
    ['rubrik:övriga-kortfristiga-skulder', 'Övriga kortfristiga skulder', null],
    ['post:ÖS-1', 'Utlägg kansli', '800.00'],
    ['summa:övriga-kortfristiga-skulder', 'Summa övriga kortfristiga skulder', '800.00'],
  ]);
});
