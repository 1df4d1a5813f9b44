import test from 'ava';
import * as E from 'fp-ts/Either';
import { bookkeepingCatalog } from '../bookkeepingCatalog.js';

const metadata = { recordedAt: '2021-03-01T09:00:00.000Z', recordedBy: 'ekonom@test' };
const payments = ['KundfordranBetald', 'LeverantörsskuldBetald', 'ÖvrigSkuldBetald'] as const;

test('the three payments of an open item take the same fields and refuse the same mistakes, naming the field', (t) => {
  const paid = { datum: '2021-02-28', postId: 'F-1', belopp: '100.00', motpart: 'Täby kommun' };
  for (const type of payments) {
    const accepted = bookkeepingCatalog.create(type, paid, { metadata });
    t.true(E.isRight(accepted), type);
    const refusals = [
      { ...paid, moms: '25.00' },
      { ...paid, belopp: '0.00' },
      { ...paid, postId: '' },
    ].map((data) => {
      const created = bookkeepingCatalog.create(type, data as typeof paid, { metadata });
      return E.isLeft(created)
        ? [created.left.code, [...new Set(created.left.issues.map((issue) => issue.path))]]
        : 'accepted';
    });
    t.deepEqual(
      refusals,
      [
        ['VALIDATION_FAILED', ['data']],
        ['INVALID_AMOUNT', ['data.belopp']],
        ['VALIDATION_FAILED', ['data.postId']],
      ],
      type,
    );
  }
});
