import test from 'ava';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { recordReskontraScenario2021 } from '../testing/reskontraScenario.js';
import { renderReskontraCsv, renderReskontraText } from './renderReskontra.js';
import { replayReskontra, type Reskontra } from './Reskontra.js';

const reskontraAt = async (datum: string): Promise<Reskontra> => {
  const store = getInMemoryEventStore();
  const streamId = await recordReskontraScenario2021(store);
  return replayReskontra(store.readStream(streamId), datum);
};

const accountOf = (book: Reskontra, konto: string) => {
  const found = book.konton.find((candidate) => candidate.konto === konto);
  if (found === undefined) throw new Error(`no account ${konto} in the reskontra`);
  return found;
};

const itemsOf = (book: Reskontra, konto: string) =>
  accountOf(book, konto).poster.map((post) => [
    post.postId,
    post.öppetBelopp.toString(),
    post.förfallodatum ?? null,
    post.dagarEfterFörfallodatum ?? null,
    post.förfalloklass,
  ]);

test('the reskontra at a date lists what was open that day, aged by each invoice’s due date', async (t) => {
  const book = await reskontraAt('2021-05-15');
  t.is(book.datum, '2021-05-15');
  t.deepEqual(
    book.konton.map((konto) => konto.konto),
    ['1510', '1790', '2440'],
  );
  t.deepEqual(itemsOf(book, '1510'), [
    ['KF-1', '60000.00', '2021-03-01', 75, '61-90-dagar'],
    ['KF-2', '20000.00', '2021-03-31', 45, '31-60-dagar'],
  ]);
  t.deepEqual(itemsOf(book, '1790'), [['FK-1', '30000.00', null, null, 'utan-förfallodatum']]);
  t.deepEqual(itemsOf(book, '2440'), [
    ['IB-L', '3000.00', '2021-01-31', 104, 'över-90-dagar'],
    ['L-1', '10000.00', '2021-04-04', 41, '31-60-dagar'],
    ['L-2', '30000.00', '2021-06-30', -46, 'ej-förfallen'],
  ]);
  const payables = accountOf(book, '2440');
  t.is(payables.sida, 'skuld');
  t.is(payables.perFörfalloklass['31-60-dagar'].toString(), '10000.00');
  t.is(payables.perFörfalloklass['ej-förfallen'].toString(), '30000.00');
  t.is(payables.perFörfalloklass['över-90-dagar'].toString(), '3000.00');
  t.is(payables.perFörfalloklass['1-30-dagar'].toString(), '0.00');
  t.is(payables.summaPoster.toString(), '43000.00');
  t.is(payables.saldoEnligtHuvudbok.toString(), '43000.00', 'credit shown positive on a debt');
  t.true(payables.ospecificerat.isZero());
});

test('the reskontra checks each account against the ledger: a booking without an open item is shown as ospecificerat', async (t) => {
  const book = await reskontraAt('2021-05-15');
  const receivables = accountOf(book, '1510');
  t.is(receivables.sida, 'fordran');
  t.is(receivables.summaPoster.toString(), '80000.00');
  t.is(receivables.saldoEnligtHuvudbok.toString(), '85000.00');
  t.is(receivables.ospecificerat.toString(), '5000.00');
  const text = renderReskontraText(book);
  t.regex(text, /Ospecificerat \(bokat utan öppen post\) +5 000,00/);
  t.regex(text, /förklarar de öppna posterna inte saldot/);
  t.notRegex(text, /förklarar varje kontos saldo/);
});

test('events dated after the date do not count: before the payment the whole invoice is open, days from its due date', async (t) => {
  const book = await reskontraAt('2021-03-05');
  t.deepEqual(itemsOf(book, '1510'), [
    ['KF-1', '100000.00', '2021-03-01', 4, '1-30-dagar'],
    ['KF-2', '20000.00', '2021-03-31', -26, 'ej-förfallen'],
  ]);
  t.false(
    book.konton.some((konto) => konto.konto === '1790'),
    'the prepayment of May is not yet there',
  );
  const before = await reskontraAt('2020-12-31');
  t.deepEqual(before.konton, [], 'nothing is dated before the opening balance');
  t.regex(renderReskontraText(before), /Inga öppna poster/);
});

test('the reskontra as CSV: one record per item, then the sum, the ledger balance and the rest per account', async (t) => {
  const csv = renderReskontraCsv(await reskontraAt('2021-05-15'));
  const lines = csv.split('\r\n');
  t.is(
    lines[0],
    'konto,kontonamn,typ,post-id,slag,datum,förfallodatum,dagar-efter-förfallodatum,förfalloklass,text,motpart,ursprungligt-belopp,öppet-belopp,händelse-id',
  );
  t.regex(
    lines[1]!,
    /^1510,Kundfordringar,post,KF-1,kundfordran,2021-02-01,2021-03-01,75,61-90-dagar,Medlemsbidrag Region Stockholm 2021 kv 1,Region Stockholm,100000.00,60000.00,[0-9a-f-]{36}$/,
  );
  t.true(lines.includes('1510,Kundfordringar,ospecificerat,,,,,,,,,,5000.00,'));
  t.true(lines.includes('2440,Leverantörsskulder,saldo enligt huvudbok,,,,,,,,,,43000.00,'));
  t.is(lines.at(-1), '', 'every record ends in CRLF');
});

test('a date that does not exist is refused, naming datum', async (t) => {
  const error = await t.throwsAsync(reskontraAt('2021-02-29'));
  t.like(error, { code: 'VALIDATION_FAILED' });
  t.like((error as unknown as { issues: { path: string; rule: string }[] }).issues[0], {
    path: 'datum',
    rule: 'date-exists',
  });
});
