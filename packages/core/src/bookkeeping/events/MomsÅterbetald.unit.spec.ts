import test from 'ava';
import { event, opening2021, spec } from './eventSpecs.testScenario.js';

const refund = (belopp: string) =>
  event('MomsÅterbetald', { datum: '2021-02-12', period: '2020 kv 4', belopp });

test('MomsÅterbetald posts debet bank 1930, kredit momsfordran 1650, from Skatteverket', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(refund('12500.00'))
      .thenPosts([
        {
          datum: '2021-02-12',
          text: 'Momsåterbetalning 2020 kv 4',
          motpart: 'Skatteverket',
          rader: [
            { konto: '1930', debet: '12500.00' },
            { konto: '1650', kredit: '12500.00' },
          ],
        },
      ]),
  );
});

test('a refund above the VAT receivable is refused with VAT_REFUND_EXCEEDS_RECEIVABLE naming data.belopp', (t) => {
  const error = spec
    .given([opening2021])
    .when(refund('12500.01'))
    .thenRefused('VAT_REFUND_EXCEEDS_RECEIVABLE', 'data.belopp');
  t.deepEqual(error.details, { receivable: '12500.00' });
});
