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
        ['VALIDATION_FAILED', ['data.moms']],
        ['INVALID_AMOUNT', ['data.belopp']],
        ['VALIDATION_FAILED', ['data.postId']],
      ],
      type,
    );
  }
});

test('an unknown field is named by its own path, and a key shaped like a personnummer is refused without repeating it', (t) => {
  const paid = { datum: '2021-02-28', postId: 'F-1', belopp: '100.00' };
  const issuesOf = (data: object) => {
    const created = bookkeepingCatalog.create('KundfordranBetald', data as typeof paid, {
      metadata,
    });
    return E.isLeft(created)
      ? { code: created.left.code, issues: created.left.issues, message: created.left.message }
      : undefined;
  };
  t.like(issuesOf({ ...paid, belop: '1.00' }), {
    code: 'VALIDATION_FAILED',
    issues: [{ path: 'data.belop', rule: 'known-field' }],
  });
  const keyed = issuesOf({ ...paid, '19121212-1212': 'x' });
  t.is(keyed?.code, 'PERSONNUMMER_REFUSED');
  t.deepEqual(
    keyed?.issues.map((issue) => [issue.path, issue.rule]),
    [['data', 'no-personnummer']],
  );
  t.false(keyed?.message.includes('1212'));
  t.like(issuesOf({ ...paid, datum: '2021-02-30' }), {
    issues: [{ path: 'data.datum', rule: 'date-exists' }],
  });
});
