import test from 'ava';
import fc from 'fast-check';
import { z } from 'zod';
import { freeText } from '../events/zodFields.js';
import { markedDataSchema } from './markedDataSchema.testSupport.js';
import { frozenEventData } from './frozenEventData.js';
import { referenceFrozenEventData } from './frozenEventData.reference.testSupport.js';

/**
 * `frozenEventData` makes each schema's freeze plan into functions once, where it walked the plan
 * at every value before: for any schema and any value (plain JSON or not, built as the plan says
 * or not, given as the input or not), it must answer as the walk it replaced does
 * (`frozenEventData.reference.testSupport.ts`): the same data, the same objects frozen in place,
 * the same copies, the same look at the strings, the same refusal.
 */

const schemas: readonly z.ZodType[] = [
  markedDataSchema,
  z.object({
    text: z.string(),
    lista: z.array(z.object({ namn: z.string(), tal: z.number() }).strict()),
    fri: z.unknown(),
    ordbok: z.record(z.string(), z.string()),
  }),
  z.looseObject({ text: freeText(), lista: z.array(z.array(z.string())).nullable() }),
  z.object({ namn: z.string() }).catchall(z.string()),
  z.object({
    tal: z.number().default(1),
    val: z.object({ text: z.string() }).default({ text: '811218-9876' }),
    lista: z.array(z.unknown()).optional(),
  }),
  z.object({ text: z.string().transform((text) => text), slag: z.literal('811218-9876') }),
  z.array(z.object({ namn: z.string() })),
  z.union([z.object({ lista: z.array(z.string()) }), z.array(z.number())]),
  z.unknown(),
];

/** How a value is built: built afresh for each walk, since a walk freezes what it is given. */
type Shape =
  | { readonly primitive: unknown }
  | { readonly array: readonly Shape[]; readonly plain: boolean }
  | {
      readonly members: readonly (readonly [string, Shape])[];
      readonly prototype: 'plain' | 'null' | 'class';
    };

class Holder {}

const texts = fc.oneof(
  fc.constantFrom('Resa till Norrtälje', 'Stödja ASF 12345', '121212121212', 'ö12345', 'kort'),
  fc.constantFrom('Resa för 811218 - 9876', '８１１２１８－９８７６', '2021-02-01', 'bank', 'lös'),
  fc.string({ maxLength: 12 }),
);
const keys = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('text', 'id', 'datum', 'slag', 'fri', 'val', 'sätt') },
  { weight: 3, arbitrary: fc.constantFrom('lista', 'namn', 'tal', 'ordbok', '811218-9876') },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', '0', '12') },
  { weight: 2, arbitrary: texts },
);
const primitives = fc.oneof(
  { weight: 6, arbitrary: texts },
  { weight: 2, arbitrary: fc.integer() },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(true, null, -0, Number.NaN, Infinity, undefined, 1.5, 10n),
  },
);
const shapes: fc.Arbitrary<Shape> = fc.letrec<{ shape: Shape }>((tie) => ({
  shape: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    primitives.map((primitive) => ({ primitive })),
    fc
      .record({
        array: fc.array(tie('shape'), { maxLength: 3 }),
        plain: fc.boolean().map((plain) => plain || Math.random() < 0.9),
      })
      .map((shape) => shape as Shape),
    fc
      .record({
        members: fc.uniqueArray(fc.tuple(keys, tie('shape')), {
          maxLength: 4,
          selector: ([key]) => key,
        }),
        prototype: fc.constantFrom<'plain' | 'null' | 'class'>(
          'plain',
          'plain',
          'plain',
          'plain',
          'null',
          'class',
        ),
      })
      .map((shape) => shape as Shape),
  ),
})).shape;

function built(shape: Shape): unknown {
  if ('primitive' in shape) return shape.primitive;
  if ('array' in shape) {
    const array = shape.array.map(built);
    if (!shape.plain) Object.setPrototypeOf(array, Holder.prototype);
    return array;
  }
  const object: Record<string, unknown> =
    shape.prototype === 'null'
      ? (Object.create(null) as Record<string, unknown>)
      : shape.prototype === 'class'
        ? (new Holder() as Record<string, unknown>)
        : {};
  // `defineProperty`, so that a member named `__proto__` is a member, as zod's parse may leave it.
  for (const [key, member] of shape.members)
    Object.defineProperty(object, key, {
      value: built(member),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return object;
}

/** What a walk may be given as the input: nothing, the value's own objects, or a value apart. */
type InputOf = 'none' | 'itself' | 'members' | Shape;

function inputOf(how: InputOf, value: unknown): unknown {
  if (how === 'none') return undefined;
  if (how === 'itself') return value;
  if (how === 'members')
    return typeof value === 'object' && value !== null ? { ...value } : undefined;
  return built(how);
}

/** Each object reachable from `value` by its path, and whether it is frozen. */
function objectsByPath(value: unknown, path = '$', found = new Map<string, object>()) {
  if (typeof value !== 'object' || value === null) return found;
  found.set(path, value);
  for (const key of Object.keys(value))
    objectsByPath((value as Record<string, unknown>)[key], `${path}/${key}`, found);
  return found;
}

/** What a walk did: its answer, and which of the given objects it froze or kept. */
function walked(
  freeze: typeof frozenEventData,
  schema: z.ZodType,
  shape: Shape,
  how: InputOf,
): unknown {
  const value = built(shape);
  const input = inputOf(how, value);
  const given = objectsByPath(value);
  const inputFrozen = [...objectsByPath(input).values()].map((object) => Object.isFrozen(object));
  const answer = freeze(schema, value, input);
  const answerObjects = objectsByPath(answer?.data);
  return {
    refused: answer === undefined,
    json: answer === undefined ? undefined : JSON.stringify(answer.data),
    mayHoldPersonnummer: answer?.mayHoldPersonnummer,
    givenFrozen: [...given].map(([path, object]) => [path, Object.isFrozen(object)]),
    kept: [...answerObjects].map(([path, object]) => [path, given.get(path) === object]),
    answerFrozen: [...answerObjects].map(([path, object]) => [path, Object.isFrozen(object)]),
    inputFrozenBefore: inputFrozen,
    inputFrozenAfter: [...objectsByPath(input).values()].map((object) => Object.isFrozen(object)),
  };
}

const inputs = fc.oneof(
  fc.constantFrom<InputOf>('none', 'itself', 'members', 'members'),
  shapes.map((shape): InputOf => shape),
);

test('the freezers made of a plan answer as the walk that reads the plan at every value', (t) => {
  let certified = 0;
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: schemas.length - 1 }),
      shapes,
      inputs,
      (schemaIndex, shape, how) => {
        const schema = schemas[schemaIndex]!;
        const fast = walked(frozenEventData, schema, shape, how);
        const reference = walked(referenceFrozenEventData, schema, shape, how);
        t.deepEqual(fast, reference);
        if (!(fast as { refused: boolean }).refused) certified += 1;
      },
    ),
    { numRuns: 5_000 },
  );
  t.true(certified > 1_000, `${certified} certified`);
});

test('the freezers answer as the walk for data zod built, every schema and member', (t) => {
  let certified = 0;
  fc.assert(
    fc.property(fc.integer({ min: 0, max: schemas.length - 1 }), shapes, (schemaIndex, shape) => {
      const schema = schemas[schemaIndex]!;
      const input = built(shape);
      const parsed = [schema.safeParse(input), schema.safeParse(input)];
      if (!parsed[0]!.success || !parsed[1]!.success) return;
      const fast = frozenEventData(schema, parsed[0]!.data, input);
      const reference = referenceFrozenEventData(schema, parsed[1]!.data, input);
      t.is(fast === undefined, reference === undefined);
      t.is(JSON.stringify(fast?.data), JSON.stringify(reference?.data));
      t.is(fast?.mayHoldPersonnummer, reference?.mayHoldPersonnummer);
      if (fast !== undefined) certified += 1;
    }),
    { numRuns: 5_000 },
  );
  t.true(certified > 300, `${certified} certified`);
});

test('a member Object.prototype lends every object is not one of the data’s', (t) => {
  const schema = schemas[1]!;
  const input = { text: 'kort', lista: [{ namn: 'a', tal: 1 }], fri: { a: 1 }, ordbok: {} };
  const parsed = [schema.parse(input), schema.parse(input)];
  Object.defineProperty(Object.prototype, 'lånad', {
    value: '811218-9876',
    enumerable: true,
    configurable: true,
    writable: true,
  });
  let fast: unknown;
  let reference: unknown;
  try {
    fast = frozenEventData(schema, parsed[0], input);
    reference = referenceFrozenEventData(schema, parsed[1], input);
  } finally {
    delete (Object.prototype as Record<string, unknown>)['lånad'];
  }
  const answers = [fast, reference] as (
    { data: object; mayHoldPersonnummer: boolean } | undefined
  )[];
  t.deepEqual(
    answers.map((answer) => JSON.stringify(answer?.data)),
    [JSON.stringify(input), JSON.stringify(input)],
  );
  t.deepEqual(
    answers.map((answer) => answer?.mayHoldPersonnummer),
    [false, false],
  );
  t.false(Object.hasOwn(answers[0]!.data, 'lånad'));
});
