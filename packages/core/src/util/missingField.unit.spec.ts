import test from 'ava';
import { isMissingField, isRequiredFieldIssue } from './missingField.js';

test('a field is missing when its parent object lacks the key or holds undefined; a null, a wrong type or an array element is not missing', (t) => {
  const data = { belopp: undefined, text: null, betalning: { sätt: 'bank' }, rader: [1] };
  t.true(isMissingField(data, ['belopp']));
  t.true(isMissingField(data, ['datum']));
  t.true(isMissingField(data, ['betalning', 'postId']));
  t.false(isMissingField(data, ['text']), 'null is a value of the wrong type, given');
  t.false(isMissingField(data, ['betalning', 'sätt']));
  t.false(isMissingField(data, ['rader', 3]), 'an array element is not a field');
  t.false(isMissingField(data, ['betalning', 'sätt', 'längd']), 'under a string');
  t.false(isMissingField(undefined, ['belopp']), 'no parent object at all');
  t.true(isMissingField(undefined, []));
});

test('only a type error on a missing field is a required field; a refinement keeps its own words', (t) => {
  t.true(isRequiredFieldIssue({}, ['belopp'], 'invalid_type'));
  t.true(isRequiredFieldIssue({}, ['belopp'], 'decimal-string-required'));
  t.false(isRequiredFieldIssue({}, ['belopp'], 'unique-open-item'));
  t.false(isRequiredFieldIssue({ belopp: 5 }, ['belopp'], 'decimal-string-required'));
});
