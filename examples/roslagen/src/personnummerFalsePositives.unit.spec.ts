import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { findPersonnummer } from '@finsam-ledger/core';
import { roslagenBookkeepingEvents } from './history/index.js';
import { roslagenParticipantEvents } from './participants/index.js';

// The false-positive corpus of the personnummer check (issue 14 item 6): every string of
// the Roslagen history (texts, motparter, ids, event ids, metadata) and every line of the
// two annual reports it was rebuilt from, copied from the seeds into ../seeds/. Not one of
// them holds a personnummer, so the check must find none.

const seedsFolder = fileURLToPath(new URL('../seeds/', import.meta.url));

function stringsOf(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const child of value) stringsOf(child, into);
  else if (value !== null && typeof value === 'object')
    for (const [key, child] of Object.entries(value)) {
      into.push(key);
      stringsOf(child, into);
    }
  return into;
}

test('issue 14 item 6: no string of the Roslagen history is taken for a personnummer', (t) => {
  const strings = stringsOf([...roslagenBookkeepingEvents(), ...roslagenParticipantEvents()]);
  t.true(strings.length > 40_000, `${strings.length} strings`);
  t.log(`${strings.length} strings of the Roslagen history`);
  t.deepEqual(
    strings.filter((text) => findPersonnummer(text) !== undefined),
    [],
  );
});

test('issue 14 item 6: no line of the two Roslagen annual reports is taken for a personnummer', (t) => {
  const seeds = readdirSync(seedsFolder).filter((name) => name.endsWith('.txt'));
  t.is(seeds.length, 2);
  for (const seed of seeds) {
    const text = readFileSync(`${seedsFolder}${seed}`, 'utf8');
    const lines = text.split('\n');
    t.true(lines.length > 800, `${seed}: ${lines.length} lines`);
    t.log(`${seed}: ${lines.length} lines`);
    t.deepEqual(
      lines.filter((line) => findPersonnummer(line) !== undefined),
      [],
      seed,
    );
    // The whole report as one text too: its tables put dates and figures side by side.
    t.is(findPersonnummer(text), undefined, seed);
  }
});
