import test from 'ava';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import { createLedger } from '@finsam-ledger/core';

const metadata = { recordedAt: '2022-02-01T10:00:00.000Z', recordedBy: 'import' };
const källa = { filHash: 'a'.repeat(64), serie: 'A', nummer: '7' };

const booksWithOpening = async () => {
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'import' });
  const opening = await ledger.record(
    'IngåendeBalansRegistrerad',
    {
      datum: '2022-01-01',
      text: 'Ingående balans',
      kassaOchBank: '1000.00',
      momsfordran: '0.00',
      balanseratResultat: '1000.00',
      öppnaPoster: [],
    },
    { metadata },
  )();
  if (E.isLeft(opening)) throw opening.left;
  return ledger;
};

const cost = (
  rader: { konto: string; belopp: string; dimensioner?: Record<string, string> }[],
) => ({ datum: '2022-03-04', text: 'Konsult', källa, rader });

test('an imported verifikation books its rows with their dimensions, once per source', async (t) => {
  const ledger = await booksWithOpening();
  const rader = [
    { konto: '6010', belopp: '250.00', dimensioner: { område: 'administrativa', post: 'Kansli' } },
    { konto: '1930', belopp: '-250.00' },
  ];
  const first = await ledger.record('VerifikationImporterad', cost(rader), {
    metadata,
    eventId: '0b6f9f7e-4a51-8c1e-9b43-2f5a3c3d8e11',
  })();
  t.true(E.isRight(first), E.isLeft(first) ? JSON.stringify(first.left.toJSON()) : '');
  const again = await ledger.record('VerifikationImporterad', cost(rader), {
    metadata,
    eventId: '0b6f9f7e-4a51-8c1e-9b43-2f5a3c3d8e11',
  })();
  t.true(E.isRight(again) && again.right.alreadyStored);
  const journal = [];
  for await (const verifikation of ledger.verifikationer(2022)) journal.push(verifikation);
  t.deepEqual(
    journal.at(-1)!.rader.map((rad) => [rad.konto, rad.belopp.toString(), rad.dimensioner]),
    [
      ['6010', '250.00', { område: 'administrativa', post: 'Kansli' }],
      ['1930', '-250.00', undefined],
    ],
  );
  t.is((await ledger.totals()).movements.get(2022)?.get('6010')?.toString(), '250.00');
});

test('unbalanced rows are refused naming the rule, and nothing is written', async (t) => {
  const ledger = await booksWithOpening();
  const refused = await ledger.record(
    'VerifikationImporterad',
    cost([
      { konto: '6010', belopp: '250.00' },
      { konto: '1930', belopp: '-240.00' },
    ]),
    { metadata },
  )();
  t.true(E.isLeft(refused));
  if (E.isLeft(refused)) {
    t.is(refused.left.code, 'VALIDATION_FAILED');
    t.true(
      refused.left.issues.some((issue) => issue.path === 'data.rader' && issue.rule === 'balanced'),
    );
  }
  const journal = [];
  for await (const verifikation of ledger.verifikationer()) journal.push(verifikation);
  t.is(journal.length, 1);
});
