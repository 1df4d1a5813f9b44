import { readFileSync } from 'node:fs';
import test from 'ava';
import fc from 'fast-check';
import { z } from 'zod';
import { bookkeepingCatalog } from '../bookkeeping/bookkeepingCatalog.js';
import { participantCatalog } from '../participants/participantCatalog.js';
import { compiledSchemaOf, type EventDefinition } from './defineEvent.js';

/**
 * `validateEventData` checks every event recorded or replayed with its schema as zod's
 * ahead-of-time compiler makes it (`compiledSchemaOf`). These properties hold the compiled parser
 * to zod's ordinary one: for the data of every event of Roslagen's committed store, as it is and
 * damaged at random (a member removed, replaced or added, deep or at the top, with amounts, dates,
 * texts with personnummer and values of the wrong type), both accept the same inputs with the same
 * output, key order included, and refuse the same inputs with the same issues.
 */

const definitions = new Map<string, EventDefinition>(
  [...bookkeepingCatalog.definitions, ...participantCatalog.definitions].map((definition) => [
    definition.type,
    definition,
  ]),
);

const storePath = new URL(
  '../../../../examples/roslagen/data/roslagen.finsam.jsonl',
  import.meta.url,
);
/** The type and data of every event of Roslagen's committed store. */
const storedEvents: readonly { readonly type: string; readonly data: unknown }[] = readFileSync(
  storePath,
  'utf8',
)
  .split('\n')
  .slice(1)
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line) as { type: string; data: unknown });

/** Values a damaged member may get: near misses of amounts, dates and texts, and wrong types. */
const damagedValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '',
    '0.00',
    '-1.00',
    '1e5',
    '12.345',
    '007.00',
    'NaN',
    '2021-02-30',
    '1989-12-31',
    '2021-13-01',
    'Stödja 19121212-1212',
    'MIA 121212-1212',
    'x\u0000y',
    'kommun',
    'staten',
    'bank',
    'leverantörsskuld',
    'avslutade',
    'x'.repeat(501),
  ),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
);

/** A deep copy of `value` with one change at a random place (or none, for `kind` 0). */
function damaged(value: unknown, kind: number, pick: number, replacement: unknown): unknown {
  const copy = structuredClone(value) as unknown;
  if (kind === 0) return copy;
  // The objects and arrays of the copy, each a place a member can be removed, replaced or added.
  const holders: (Record<string, unknown> | unknown[])[] = [];
  const collect = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    holders.push(node as Record<string, unknown>);
    for (const member of Object.values(node)) collect(member);
  };
  collect(copy);
  const holder = holders[pick % holders.length];
  if (holder === undefined) return replacement;
  const keys = Object.keys(holder);
  const key = keys.length === 0 ? 'extra' : keys[Math.floor(pick / holders.length) % keys.length]!;
  const target = holder as Record<string, unknown>;
  if (kind === 1) delete target[key];
  else if (kind === 2) target[key] = replacement;
  else target[kind === 3 ? 'extra' : key] = replacement;
  return copy;
}

test('the compiled schema accepts and refuses what zod’s parser does, with the same output and issues', (t) => {
  let accepted = 0;
  let refused = 0;
  fc.assert(
    fc.property(
      fc.nat({ max: storedEvents.length - 1 }),
      fc.integer({ min: 0, max: 4 }),
      fc.nat(),
      damagedValue,
      (index, kind, pick, replacement) => {
        const { type, data } = storedEvents[index]!;
        const schema = definitions.get(type)!.schema;
        const input = damaged(data, kind, pick, replacement);
        const ordinary = schema.safeParse(input);
        const compiled = compiledSchemaOf(schema).safeParse(input);
        if (ordinary.success !== compiled.success) return false;
        if (ordinary.success && compiled.success) {
          accepted += 1;
          // Key order too: the data is stored as JSON.
          return JSON.stringify(compiled.data) === JSON.stringify(ordinary.data);
        }
        refused += 1;
        // `parseEventData` takes the issues from the error the compiled schema's `parse` throws.
        let thrown: unknown;
        try {
          compiledSchemaOf(schema).parse(input);
        } catch (error) {
          thrown = error;
        }
        const issues = JSON.stringify(ordinary.error?.issues);
        return (
          JSON.stringify(compiled.error?.issues) === issues &&
          thrown instanceof z.ZodError &&
          JSON.stringify(thrown.issues) === issues
        );
      },
    ),
    { numRuns: 4000 },
  );
  t.true(accepted > 800, `${accepted} accepted`);
  t.true(refused > 800, `${refused} refused`);
});

test('every stored event of Roslagen is parsed alike by the compiled schema', (t) => {
  for (const { type, data } of storedEvents) {
    const schema = definitions.get(type)!.schema;
    const ordinary = schema.safeParse(data);
    const compiled = compiledSchemaOf(schema).safeParse(data);
    t.true(ordinary.success, type);
    t.is(JSON.stringify(compiled.data), JSON.stringify(ordinary.data), type);
  }
  t.is(storedEvents.length, 1751);
});

/** Every object and array of `value`. */
function objectsOf(value: unknown, into: Set<unknown> = new Set()): Set<unknown> {
  if (typeof value === 'object' && value !== null) {
    into.add(value);
    for (const member of Object.values(value)) objectsOf(member, into);
  }
  return into;
}

test('the compiled schema’s output is new: it shares no object with its input but the members a correction copies', (t) => {
  for (const { type, data } of storedEvents) {
    const input = structuredClone(data);
    const output = compiledSchemaOf(definitions.get(type)!.schema).safeParse(input).data;
    const inputObjects = objectsOf(input);
    // A correction's copy of the corrected event's data is `z.record(z.string(), z.unknown())`:
    // its members are the input's own (zod passes an unknown value on as it is).
    const copied =
      type === 'HändelseRättad'
        ? objectsOf((output as { original: { data: object } }).original.data)
        : new Set<unknown>();
    for (const object of objectsOf(output))
      if (
        !copied.has(object) ||
        object === (output as { original?: { data?: unknown } }).original?.data
      )
        t.false(inputObjects.has(object), `${type}: an object of the input in the output`);
  }
});
