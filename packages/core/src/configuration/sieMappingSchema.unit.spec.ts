import test from 'ava';
import { sieMappingSchema } from './sieMappingSchema.js';

test('the sie section accepts accounts, ranges, object rules and an ej fördelat placement', (t) => {
  const parsed = sieMappingSchema.safeParse({
    konton: [
      { från: '1930' },
      { från: '4000-4999', till: '4010', dimensioner: { område: 'operativa' } },
    ],
    objekt: [
      { dimension: '6', fält: 'insats' },
      { dimension: '1', objekt: '10', dimensioner: { post: 'Kansli' } },
    ],
    ejFördelat: { konto: '6010', dimensioner: { område: 'administrativa', post: 'Ej fördelat' } },
  });
  t.true(parsed.success);
});

test('a malformed rule is refused naming its field', (t) => {
  const parsed = sieMappingSchema.safeParse({
    konton: [
      { från: '40x0' },
      { från: '4000', till: '4010', dimensioner: { kostnadsställe: 'x' } },
    ],
    objekt: [{ dimension: '6', fält: 'projekt' }],
  });
  t.false(parsed.success);
  t.deepEqual(parsed.error?.issues.map((issue) => issue.path.join('.')).sort(), [
    'konton.0.från',
    'konton.1.dimensioner',
    'objekt.0.fält',
  ]);
});
