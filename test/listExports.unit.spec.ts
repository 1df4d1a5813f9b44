import test from 'ava';
import { firstSentence } from '../scripts/listExports.js';

test('the summary ends at the first sentence outside parentheses and code', (t) => {
  t.is(
    firstSentence('One violated rule, naming the field (e.g. `#TRANS.belopp`) and the rule.'),
    'One violated rule, naming the field (e.g. `#TRANS.belopp`) and the rule.',
  );
  t.is(
    firstSentence('A journal entry (BFL 5 kap. 7 §). Numbered per series.'),
    'A journal entry (BFL 5 kap. 7 §).',
  );
  t.is(
    firstSentence("Paid (with `betalning.sätt: 'övrig-skuld'`) from the bank. Then more."),
    "Paid (with `betalning.sätt: 'övrig-skuld'`) from the bank.",
  );
  t.is(firstSentence('The report:\n - one\n - two'), 'The report:');
});

test('a parenthesis that never closes does not make the summary the whole text', (t) => {
  t.is(firstSentence('Cases: 1) the first. 2) the second.'), 'Cases:');
  t.is(firstSentence('An odd ( opening. And more text.'), 'An odd ( opening.');
});

test('links become code and whitespace one space', (t) => {
  t.is(firstSentence('Options of {@link readSie | the reader}.\n\nMore.'), 'Options of `readSie`.');
  t.is(firstSentence('No full stop at all'), 'No full stop at all');
});
