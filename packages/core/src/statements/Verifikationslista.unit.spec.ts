import test from 'ava';
import { storeAsOf } from '../audit/storedBy.js';
import { createLedger, type Ledger } from '../facade/createLedger.js';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import type { EventStore } from '../store/EventStore.js';
import { at, must, mustTask } from './openItemsAtYearEnd.testScenario.js';
import {
  renderVerifikationslistaCsv,
  renderVerifikationslistaText,
} from './renderVerifikationslista.js';
import { replayVerifikationslista, type Verifikationslista } from './Verifikationslista.js';

// BFL 5 kap. 5 §: a rättelse must be traceable both ways. A correction names what it corrects
// (`rättar`); the corrected verifikation names its correction (`rättadAv`), of its own year or a
// later one.

const cost = (datum: string, belopp: string, text: string) => ({
  datum,
  område: 'administrativa',
  post: 'Kansli',
  belopp,
  text,
  betalning: { sätt: 'bank' },
});

/**
 * Given books of 2024 and 2025, the store stamping each event when it was recorded:
 * - a cost of 1 000 (2024-03-10), corrected on 2025-02-10, after a cost of 2025;
 * - a cost of 2 000 (2024-04-10), corrected on 2024-04-15;
 * - a cost of 3 000 (2024-05-10), never corrected.
 */
async function booksWithCorrections(): Promise<{
  store: EventStore;
  ledger: Ledger;
  ids: Record<'lateMistake' | 'earlyMistake' | 'kept' | 'lateFix' | 'earlyFix', string>;
}> {
  let now = '2024-01-02T08:00:00.000Z';
  const store = getInMemoryEventStore({ clock: () => new Date(now) });
  const ledger = createLedger({ store, förbundId: 'test' });
  const recordOn = (instant: string, type: Parameters<typeof must>[1], data: unknown) => {
    now = instant;
    return must(ledger, type, data, instant);
  };
  const correctOn = async (instant: string, eventId: string, datum: string, orsak: string) => {
    now = instant;
    return (await mustTask(ledger.correct(eventId, datum, orsak, at(instant)))).event.eventId;
  };
  await recordOn('2024-01-02T08:00:00.000Z', 'IngåendeBalansRegistrerad', {
    datum: '2024-01-01',
    text: 'IB 2024',
    kassaOchBank: '100000.00',
    momsfordran: '0',
    balanseratResultat: '100000.00',
    öppnaPoster: [],
  });
  const lateMistake = await recordOn(
    '2024-03-10T08:00:00.000Z',
    'KostnadBokförd',
    cost('2024-03-10', '1000.00', 'Kontorsmaterial'),
  );
  const earlyMistake = await recordOn(
    '2024-04-10T08:00:00.000Z',
    'KostnadBokförd',
    cost('2024-04-10', '2000.00', 'Porto (fel belopp)'),
  );
  const earlyFix = await correctOn(
    '2024-04-15T08:00:00.000Z',
    earlyMistake,
    '2024-04-15',
    'Fel belopp',
  );
  const kept = await recordOn(
    '2024-05-10T08:00:00.000Z',
    'KostnadBokförd',
    cost('2024-05-10', '3000.00', 'Hyra'),
  );
  await recordOn(
    '2025-01-20T08:00:00.000Z',
    'KostnadBokförd',
    cost('2025-01-20', '500.00', 'Porto'),
  );
  const lateFix = await correctOn(
    '2025-02-10T08:00:00.000Z',
    lateMistake,
    '2025-02-10',
    'Fakturan gällde en annan förening',
  );
  return { store, ledger, ids: { lateMistake, earlyMistake, kept, lateFix, earlyFix } };
}

const numbersOf = (list: Verifikationslista, eventId: string): string[] =>
  list.verifikationer.filter((post) => post.eventId === eventId).map((post) => post.nummer);

test('given a 2024 cost corrected in 2025, when 2024 is listed, then it names the 2025 correction with its number and date', async (t) => {
  const { store, ledger, ids } = await booksWithCorrections();
  const list2024 = await replayVerifikationslista(store.readStream(ledger.streamId), 2024);
  const list2025 = await replayVerifikationslista(store.readStream(ledger.streamId), 2025);
  const fixNumbers = numbersOf(list2025, ids.lateFix);
  t.is(fixNumbers.length, 1);
  t.regex(fixNumbers[0]!, /^2025-\d+$/);
  const mistake = list2024.verifikationer.find((post) => post.eventId === ids.lateMistake)!;
  t.deepEqual(mistake.rättadAv, [
    { eventId: ids.lateFix, verifikationer: fixNumbers, datum: '2025-02-10' },
  ]);
  // The correction of 2025 leads back to the 2024 verifikation it reverses.
  const fix = list2025.verifikationer.find((post) => post.eventId === ids.lateFix)!;
  t.is(fix.rättar, ids.lateMistake);
  t.is(fix.rättadAv, undefined);
});

test('given a cost corrected in its own year, when the year is listed, then the cost names its correction, listed after it', async (t) => {
  const { store, ledger, ids } = await booksWithCorrections();
  const list = await replayVerifikationslista(store.readStream(ledger.streamId), 2024);
  const fixNumbers = numbersOf(list, ids.earlyFix);
  const [mistakeNumber] = numbersOf(list, ids.earlyMistake);
  t.is(fixNumbers.length, 1);
  t.true(Number(fixNumbers[0]!.slice(5)) > Number(mistakeNumber!.slice(5)));
  const mistake = list.verifikationer.find((post) => post.eventId === ids.earlyMistake)!;
  t.deepEqual(mistake.rättadAv, [
    { eventId: ids.earlyFix, verifikationer: fixNumbers, datum: '2024-04-15' },
  ]);
  // Neither the uncorrected cost nor a correction is marked.
  for (const eventId of [ids.kept, ids.earlyFix])
    t.is(list.verifikationer.find((post) => post.eventId === eventId)!.rättadAv, undefined);
});

test('given the books as of before the 2025 correction was stored, when 2024 is listed, then the cost names no correction', async (t) => {
  const { store, ledger, ids } = await booksWithCorrections();
  const before = storeAsOf(store, '2025-02-09T23:59:59.999Z');
  const list = await replayVerifikationslista(before.readStream(ledger.streamId), 2024);
  const mistake = list.verifikationer.find((post) => post.eventId === ids.lateMistake)!;
  t.is(mistake.rättadAv, undefined);
  // The same-year correction was stored long before.
  const early = list.verifikationer.find((post) => post.eventId === ids.earlyMistake)!;
  t.is(early.rättadAv?.[0]?.eventId, ids.earlyFix);
});

test('given a corrected cost, when the list is printed, then text and CSV carry the correction, the same bytes each time', async (t) => {
  const { store, ledger, ids } = await booksWithCorrections();
  const list = async () => replayVerifikationslista(store.readStream(ledger.streamId), 2024);
  const list2025 = await replayVerifikationslista(store.readStream(ledger.streamId), 2025);
  const [fixNumber] = numbersOf(list2025, ids.lateFix);
  const [mistakeNumber] = numbersOf(await list(), ids.lateMistake);
  const text = renderVerifikationslistaText(await list());
  t.regex(
    text,
    new RegExp(
      `^${mistakeNumber}  2024-03-10  Kontorsmaterial\n(?: {2}.*\n)*? {2}Rättad av ${ids.lateFix} \\(verifikation ${fixNumber}, 2025-02-10\\)\n`,
      'm',
    ),
  );
  t.is(renderVerifikationslistaText(await list()), text);
  const csv = renderVerifikationslistaCsv(await list());
  const [header, ...records] = csv.split('\r\n');
  t.regex(header!, /,orsak,rättad-av,rättad-av-verifikationer,rättad-av-datum,källa-serie,/);
  const ofMistake = records.filter((record) => record.startsWith(`${mistakeNumber},`));
  t.true(ofMistake.length >= 2);
  for (const record of ofMistake)
    t.true(record.includes(`,,${ids.lateFix},${fixNumber},2025-02-10,`));
  t.is(renderVerifikationslistaCsv(await list()), csv);
});

test('given books stamped in UTC, when the list is printed as text, then each registration is the minute in Sweden (CET in winter, CEST in summer), and the CSV keeps the instant', async (t) => {
  const { store, ledger, ids } = await booksWithCorrections();
  const list = await replayVerifikationslista(store.readStream(ledger.streamId), 2024);
  const text = renderVerifikationslistaText(list);
  t.regex(text, /^Belopp i kr med öre; registrerad i svensk tid\.$/m);
  const [opening] = numbersOf(list, list.verifikationer[0]!.eventId);
  const [kept] = numbersOf(list, ids.kept);
  // 08:00 UTC: 09:00 in January (CET), 10:00 in May (CEST).
  t.regex(
    text,
    new RegExp(`^${opening}  2024-01-01  IB 2024\n {2}Registrerad 2024-01-02 09:00 av `, 'm'),
  );
  t.regex(
    text,
    new RegExp(`^${kept}  2024-05-10  Hyra\n {2}Registrerad 2024-05-10 10:00 av `, 'm'),
  );
  const csv = renderVerifikationslistaCsv(list);
  t.true(csv.includes(`${kept},2024-05-10,2024-05-10T08:00:00.000Z,`), csv.slice(0, 400));
});
