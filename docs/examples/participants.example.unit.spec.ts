import test from 'ava';
import { runParticipantsExample } from './participants.example.js';

test('the example of docs/participants.md runs and prints what the page says', async (t) => {
  t.deepEqual(await runParticipantsExample(), [
    'refused: PERSONNUMMER_REFUSED',
    'recorded: 5',
    'concluded twice: PARTICIPANT_ALREADY_CONCLUDED',
    'kommunen: 2 of 3 = 67% (exact 66.67%)',
    'offered 3 of goal 4; work or studies 1 of 1 = 100%',
  ]);
});
