import test from 'ava';
import * as E from 'fp-ts/Either';
import { z } from 'zod';
import { parseFörbundConfiguration } from '../configuration/parseFörbundConfiguration.js';
import { validateAppend } from '../store/appendRules.js';
import { makeTestEvent } from '../testing/eventStoreConformance.js';
import { issuesOfZodError } from './issuesOfZodError.js';

const schema = z
  .object({
    belopp: z.string(),
    betalning: z.object({ sätt: z.literal('bank') }).strict(),
    rader: z.array(
      z.string().refine((text) => text !== '', {
        error: 'must not be empty',
        params: { rule: 'non-empty' },
      }),
    ),
  })
  .strict();

const refusalOf = (input: unknown): z.ZodError => {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected a refusal');
  return parsed.error;
};

test('given a prefix, when a field is wrong, then its path is dotted under the prefix and its rule is the schema’s own', (t) => {
  const issues = issuesOfZodError(
    refusalOf({ belopp: '1', betalning: { sätt: 'bank' }, rader: ['a', ''] }),
    {
      prefix: 'data',
    },
  );
  t.deepEqual(issues, [
    { path: 'data.rader.1', rule: 'non-empty', message: 'data.rader.1: must not be empty' },
  ]);
});

test('given the input, when a field is absent, then it is required; a field of the wrong type keeps zod’s words', (t) => {
  const input = { betalning: { sätt: 'bank' }, rader: 5 };
  const issues = issuesOfZodError(refusalOf(input), { prefix: 'data', input });
  t.deepEqual(
    issues.map(({ path, rule, message }) => [path, rule, message.startsWith(`${path}: `)]),
    [
      ['data.belopp', 'required', true],
      ['data.rader', 'invalid_type', true],
    ],
  );
  t.is(issues[0]!.message, 'data.belopp: is required');
  t.deepEqual(
    issuesOfZodError(refusalOf(input), { prefix: 'data' }).map((issue) => issue.rule),
    ['invalid_type', 'invalid_type'],
    'without the input, nothing is known to be absent',
  );
});

test('when a field is unknown, then it is named by its own path; a key shaped like a personnummer is refused as one and not repeated', (t) => {
  const input = {
    belopp: '1',
    betalning: { sätt: 'bank', sät: 'bank' },
    rader: [],
    '19121212-1212': 'x',
  };
  const issues = issuesOfZodError(refusalOf(input), { unknownFieldOf: 'of the test' });
  t.deepEqual(issues, [
    {
      path: 'betalning.sät',
      rule: 'known-field',
      message: 'betalning.sät: is not a field of the test (a typo?)',
    },
    issues[1]!,
  ]);
  t.is(issues[1]!.path, '');
  t.is(issues[1]!.rule, 'no-personnummer');
  t.false(JSON.stringify(issues).includes('1212-1212'), 'the key is not echoed');
});

test('when messages must not name the path, then each message is the reason alone', (t) => {
  const input = { belopp: '1', betalning: { sätt: 'bank', sät: 'bank' }, rader: [''] };
  const issues = issuesOfZodError(refusalOf(input), {
    prefix: 'events.0',
    messageNamesPath: false,
  });
  t.deepEqual(
    issues.map((issue) => [issue.path, issue.message]),
    [
      ['events.0.betalning.sät', 'is not a field here (a typo?)'],
      ['events.0.rader.0', 'must not be empty'],
    ],
  );
});

test('every layer names an unknown field the same way: an event’s envelope and the configuration', (t) => {
  const appended = validateAppend('bokföring-test', [{ ...makeTestEvent(), metadta: {} }]);
  t.true(E.isLeft(appended));
  if (E.isLeft(appended)) {
    t.is(appended.left.code, 'INVALID_EVENT');
    t.deepEqual(
      appended.left.issues.map((issue) => [issue.path, issue.rule]),
      [['events[0].metadta', 'known-field']],
    );
  }
  const configured = parseFörbundConfiguration({ version: 1, förbundId: 'x', medlemar: [] });
  t.true(E.isLeft(configured));
  if (E.isLeft(configured))
    t.true(
      configured.left.issues.some(
        (issue) => issue.path === 'medlemar' && issue.rule === 'known-field',
      ),
    );
});
