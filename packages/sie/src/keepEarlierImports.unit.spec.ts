import test from 'ava';
import * as E from 'fp-ts/Either';
import { readFileSync } from 'node:fs';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import { collectAsync, copyEvents, type StoredEvent } from '@finsam-ledger/core/store';
import { companyMapping } from './companyMapping.testScenario.js';
import { isSieError } from './error.js';
import { importSie } from './importSie.js';

const visma = readFileSync(new URL('../fixtures/SIE4_Exempelfil_med_underdim.SE', import.meta.url));
const metadata = { recordedAt: '2023-03-01T10:00:00.000Z', recordedBy: 'ekonom@forbundet' };

interface ImportedData {
  readonly källa: { readonly filHash: string; readonly serie: string; readonly nummer: string };
  readonly rader: readonly { readonly text?: string }[];
}

/** An imported verifikation's data as imports wrote it before they kept regdatum and row texts. */
const asImportedBefore = (event: StoredEvent) => {
  if (event.type !== 'VerifikationImporterad') return event;
  const data = event.data as ImportedData;
  const { filHash, serie, nummer } = data.källa;
  const rader = data.rader.map(({ text: _text, ...rad }) => rad);
  return { data: { ...data, källa: { filHash, serie, nummer }, rader }, metadata: event.metadata };
};

/** The same books as an import before the old system's details were kept left them. */
async function booksImportedBefore() {
  const target = { store: getInMemoryEventStore(), förbundId: 'visma' };
  await importSie(target, visma, { mapping: companyMapping, metadata });
  const store = getInMemoryEventStore();
  const copied = await copyEvents(target.store, store, { rewrite: asImportedBefore });
  if (E.isLeft(copied)) throw copied.left;
  return { store, förbundId: 'visma' };
}

test('a file imported before regdatum and row texts were kept imports again writing nothing', async (t) => {
  const books = await booksImportedBefore();
  const before = await collectAsync(books.store.readAll());
  const stripped = before.filter((event) => event.type === 'VerifikationImporterad');
  t.is(stripped.length, 295);
  t.true(stripped.every((event) => !JSON.stringify(event.data).includes('"registrerad"')));

  const again = await importSie(books, visma, { mapping: companyMapping, metadata });
  t.like(again, { written: 0, openingBalance: false, verifikationer: 295 });
  t.true(again.comparison.every((row) => row.equal));
  t.deepEqual(await collectAsync(books.store.readAll()), before, 'the books are as they were');
});

test('but a file imported before with another mapping is still refused as ids reused for other content', async (t) => {
  const books = await booksImportedBefore();
  const before = await collectAsync(books.store.readAll());
  const otherMapping = {
    ...companyMapping,
    konton: companyMapping.konton.map((rule) =>
      rule.från === '7000-7999'
        ? { ...rule, dimensioner: { område: 'administrativa', post: 'Övriga kostnader' } }
        : rule,
    ),
  };
  const error = await t.throwsAsync(importSie(books, visma, { mapping: otherMapping, metadata }));
  t.true(isSieError(error, 'IMPORT_REFUSED'));
  t.regex(error!.message, /EVENT_ID_CONFLICT/);
  t.deepEqual(await collectAsync(books.store.readAll()), before, 'nothing was written');
});
