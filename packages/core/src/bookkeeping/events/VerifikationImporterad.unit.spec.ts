import test from 'ava';
import { event, opening2021, spec } from './eventSpecs.testScenario.js';

const källa = { filHash: 'a'.repeat(64), serie: 'B', nummer: '17' };
const imported = (
  rader: { konto: string; belopp: string; dimensioner?: Record<string, string> }[],
) => event('VerifikationImporterad', { datum: '2021-03-04', text: 'Konsult', källa, rader });

test('VerifikationImporterad posts its rows as mapped, with their dimensions', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(
        imported([
          {
            konto: '6010',
            belopp: '250.00',
            dimensioner: { område: 'administrativa', post: 'Kansli' },
          },
          { konto: '1930', belopp: '-250.00' },
        ]),
      )
      .thenPosts([
        {
          datum: '2021-03-04',
          text: 'Konsult',
          rader: [
            {
              konto: '6010',
              debet: '250.00',
              dimensioner: { område: 'administrativa', post: 'Kansli' },
            },
            { konto: '1930', kredit: '250.00' },
          ],
        },
      ]),
  );
});

test('rows that do not balance are refused naming data.rader', (t) => {
  t.throws(() =>
    imported([
      { konto: '6010', belopp: '250.00' },
      { konto: '1930', belopp: '-240.00' },
    ]),
  );
});
