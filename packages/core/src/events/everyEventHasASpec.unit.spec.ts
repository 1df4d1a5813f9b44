import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bookkeepingCatalog } from '../bookkeeping/bookkeepingCatalog.js';
import { participantCatalog } from '../participants/participantCatalog.js';

/**
 * Every event of a catalog has its module and its specification beside it:
 * `<EventName>.ts` and `<EventName>.unit.spec.ts` in the catalog's folder, the spec naming the
 * event. A new event without a spec fails here.
 */

const folders = [
  { catalog: bookkeepingCatalog, folder: new URL('../bookkeeping/events/', import.meta.url) },
  { catalog: participantCatalog, folder: new URL('../participants/', import.meta.url) },
];

for (const { catalog, folder } of folders) {
  const files = new Set(readdirSync(folder).map((name) => name.normalize('NFC')));
  for (const { type } of catalog.definitions) {
    test(`${type} has its module and its specification beside it`, (t) => {
      const name = type.normalize('NFC');
      t.true(files.has(`${name}.ts`), `${name}.ts in ${fileURLToPath(folder)}`);
      t.true(files.has(`${name}.unit.spec.ts`), `${name}.unit.spec.ts in ${fileURLToPath(folder)}`);
      if (!files.has(`${name}.unit.spec.ts`)) return;
      const specification = readFileSync(new URL(`${name}.unit.spec.ts`, folder), 'utf8');
      t.true(specification.includes(`'${type}'`), 'the specification names the event');
      // Written with the given/when/then helper of `@finsam-ledger/core/testing` (through the
      // folder's shared `*EventSpecs.testScenario.ts`, or imported directly).
      t.regex(
        specification,
        /from '(\.\/(eventSpecs|participantEventSpecs)\.testScenario\.js|@finsam-ledger\/core\/testing)'/,
        'the specification imports the given/when/then helper',
      );
      t.regex(
        specification,
        /\.given\([\s\S]*?\.(then|thenPosts|thenRefused|thenProjection)\(/,
        'the specification states given … then',
      );
    });
  }
}

test('the catalogs hold the 26 bookkeeping and 5 participant events', (t) => {
  t.is(bookkeepingCatalog.definitions.length, 26);
  t.is(participantCatalog.definitions.length, 5);
});
