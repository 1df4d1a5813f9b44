import test from 'ava';
import { createLedger } from '../facade/createLedger.js';
import { drilldownScenario } from './drilldownScenario.testScenario.js';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { replayHuvudbok } from './Huvudbok.js';
import { must } from './openItemsAtYearEnd.testScenario.js';
import { renderHuvudbokCsv, renderHuvudbokText } from './renderHuvudbok.js';
import {
  renderVerifikationslistaCsv,
  renderVerifikationslistaText,
} from './renderVerifikationslista.js';
import { collectAsync } from '../util/asyncIterable.js';
import { replayVerifikationslista } from './Verifikationslista.js';

test('the huvudbok of 2021: opening balances carried from 2020, result accounts from zero, running balances, checked against the statements', async (t) => {
  const { store, ledger, correctionId } = await drilldownScenario();
  const book = await replayHuvudbok(store.readStream(ledger.streamId), 2021);
  t.is(book.år, 2021);
  const bank = book.konton.find((konto) => konto.konto === '1930')!;
  t.is(bank.namn, 'Bank');
  const costs = book.konton.find(
    (konto) =>
      konto.line === 'verksamhetens-kostnader' &&
      konto.transaktioner.some((line) => line.eventId === correctionId),
  )!;
  // A result account starts the year at zero: 2020's costs are not carried into 2021.
  t.is(costs.ingåendeBalans.toString(), '0.00');
  t.true(bank.ingåendeBalans.isPositive());
  // The running balance is the opening balance plus every transaction so far.
  let saldo = bank.ingåendeBalans;
  for (const line of bank.transaktioner) {
    saldo = saldo.plus(line.belopp);
    t.is(line.saldo.toString(), saldo.toString());
  }
  t.is(bank.utgåendeBalans.toString(), saldo.toString());
  t.true(book.kontroller.length >= 10);
  for (const check of book.kontroller)
    t.true(check.enligtHuvudbok.equals(check.enligtÅrsredovisning), check.rad);
  const text = renderHuvudbokText(book);
  t.regex(text, /^Huvudbok 2021$/m);
  t.regex(text, /^1930 Bank$/m);
  t.regex(text, /^ {2}balansräkning\/kassa-och-bank\s+Kassa och bank\s+\S.*=\s/m);
  const csv = renderHuvudbokCsv(book).split('\r\n');
  t.is(csv[0], 'konto,kontonamn,typ,datum,verifikation,text,belopp,saldo,händelse-id');
  t.true(csv.some((line) => line.startsWith('1930,Bank,ingående balans,')));
});

test('an earlier year left open still gives the balansräkning’s equity', async (t) => {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'open' });
  await must(ledger, 'IngåendeBalansRegistrerad', {
    datum: '2020-01-01',
    text: 'IB',
    kassaOchBank: '1000.00',
    momsfordran: '0',
    balanseratResultat: '1000.00',
    öppnaPoster: [],
  });
  const cost = (datum: string) => ({
    datum,
    område: 'administrativa',
    post: 'Kansli',
    belopp: '100.00',
    text: 'Kansli',
    betalning: { sätt: 'bank' },
  });
  await must(ledger, 'KostnadBokförd', cost('2020-05-01'));
  await must(ledger, 'KostnadBokförd', cost('2021-05-01'));
  const book = await replayHuvudbok(store.readStream(ledger.streamId), 2021);
  const equity = book.kontroller.find((check) => check.rad === 'balansräkning/summa-eget-kapital')!;
  t.is(equity.enligtHuvudbok.toString(), '800.00');
  t.is(equity.enligtÅrsredovisning.toString(), '800.00');
});

test('the verifikationslista lists every verifikation of the year with number, dates, text, counterparty, lines and event', async (t) => {
  const { store, ledger, mistakeId, correctionId } = await drilldownScenario();
  const list = await replayVerifikationslista(store.readStream(ledger.streamId), 2021);
  t.is(list.år, 2021);
  t.deepEqual(
    list.verifikationer.map((post) => post.nummer),
    list.verifikationer.map((_post, index) => `2021-${index + 1}`),
  );
  t.is(list.summaDebet.toString(), list.summaKredit.toString());
  const correction = list.verifikationer.find((post) => post.eventId === correctionId)!;
  t.is(correction.eventType, 'HändelseRättad');
  t.is(correction.rättar, mistakeId);
  // The mistake is of the same year: the list names its verifikation, and why it was corrected.
  const mistake = list.verifikationer.find((post) => post.eventId === mistakeId)!;
  t.regex(mistake.nummer, /^2021-\d+$/);
  t.deepEqual(correction.rättarVerifikationer, [mistake.nummer]);
  t.is(correction.orsak, 'Fel belopp');
  t.is(mistake.orsak, undefined);
  // Registered when the store stored it, by the store's clock (see verifikationRegistration).
  const stored = await collectAsync(store.readStream(ledger.streamId));
  const stamp = stored.find((event) => event.eventId === correctionId)?.storedAt;
  t.truthy(stamp);
  t.is(correction.registrerad, stamp!);
  t.is(correction.datum, '2021-02-12');
  const bankLine = correction.rader.find((rad) => rad.konto === '1930')!;
  t.is(bankLine.debet?.toString(), '12500.00');
  t.is(bankLine.kredit, null);
  const text = renderVerifikationslistaText(list);
  t.regex(
    text,
    new RegExp(
      `^ {2}Händelse HändelseRättad ${correctionId}; rättar ${mistakeId} \\(verifikation ${mistake.nummer}\\)\n {2}Orsak Fel belopp$`,
      'm',
    ),
  );
  t.regex(text, /^\d+ verifikationer; summa debet [\d ]+,\d\d, summa kredit [\d ]+,\d\d\.$/m);
  const csv = renderVerifikationslistaCsv(list).split('\r\n');
  t.is(
    csv[0],
    'verifikation,datum,registrerad,registrerad-av,text,motpart,händelse,händelse-id,rättar,rättar-verifikationer,orsak,rättad-av,rättad-av-verifikationer,rättad-av-datum,källa-serie,källa-nummer,källa-fil,källa-registrerad,källa-signatur,konto,kontonamn,dimensioner,radtext,debet,kredit',
  );
  t.true(
    csv.some((line) =>
      line.includes(
        `,HändelseRättad,${correctionId},${mistakeId},${mistake.nummer},Fel belopp,,,,,,,,,1930,Bank,,,12500.00,`,
      ),
    ),
  );
});
