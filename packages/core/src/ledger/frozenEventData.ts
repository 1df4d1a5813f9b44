import type { z } from 'zod';
import { envelopeLimits } from '../store/EventEnvelope.js';
import {
  textMayHoldPersonnummer,
  valueMayHoldPersonnummer,
} from '../privacy/valueMayHoldPersonnummer.js';
import { frozenQuickCopy, quickCopy } from '../store/quickCopy.js';

/**
 * How the catalog makes a schema's output immutable before it certifies it (see
 * `store/catalogCertificate.ts`): the objects and arrays zod built for this parse are frozen where
 * they are, and only what the schema may have handed on from elsewhere is copied, then frozen.
 *
 * zod builds a new object for every `z.object` and a new array for every `z.array` it parses; a
 * `z.unknown()`, a `z.any()`, a record's values, a transform's result and a default's members may
 * be the caller's own objects (or anyone's), and are copied. The plan of a schema says which is
 * which, read once from the schema's tree:
 *
 * - `built`: every object and array of the output was built by zod for this parse;
 * - `copy`: any object or array of the output may be held elsewhere;
 * - `members` / `element`: an object (or array) built by zod whose members follow their own plan;
 *   a member the schema does not name (a catch-all's) is copied.
 *
 * Frozen in place, an object built by zod is one nobody else holds; and whatever the plan says, an
 * object of the output that is the very object found at the same place in the input is copied, so
 * that a caller's object is never frozen even if zod handed it on where the plan says it does not.
 * The rules are those of the store's quick copy (plain JSON: plain objects and arrays, finite
 * numbers but -0, the depth limit): data that breaks one is refused (`undefined`), and the
 * catalog then hands the schema's output on uncertified, for the store to refuse as it always did.
 */
type FreezePlan =
  | 'built'
  | 'copy'
  | { readonly members: ReadonlyMap<string, FreezePlan> }
  | { readonly element: FreezePlan };

/** The plans of the schemas met so far (a definition's schema never changes). */
const plans = new WeakMap<object, FreezePlan>();

/** What {@link frozenEventData} makes of a schema's output. */
export interface FrozenEventData {
  /** The data, deeply frozen but for the data object itself (see {@link frozenEventData}). */
  readonly data: unknown;
  /**
   * False if no string of the data, keys included, can hold a personnummer: the first look of
   * `valueMayHoldPersonnummer`, taken on each string as the data is frozen.
   */
  readonly mayHoldPersonnummer: boolean;
}

/**
 * The schema's output `data`, deeply frozen but for the data object itself, which the catalog's
 * certificate stamps and then freezes (`certifyCatalogData`): its objects built by zod frozen in
 * place, any other object replaced by a frozen copy; `undefined` if it is not plain JSON (or
 * throws when read). `input` is what the schema parsed: no object of it is frozen.
 */
export function frozenEventData(
  schema: z.ZodType,
  data: unknown,
  input: unknown,
): FrozenEventData | undefined {
  let plan = plans.get(schema);
  if (plan === undefined) {
    plan = planOf(schema);
    plans.set(schema, plan);
  }
  const walk = new FreezeWalk();
  try {
    // The depth the data has inside an envelope, where the store's depth limit counts it.
    const frozen = walk.value(data, input, plan, 1, false);
    if (frozen === undefined) return undefined;
    walk.data = frozen;
    return walk;
  } catch {
    return undefined;
  }
}

/** The part of a zod schema's definition the plan reads. */
interface SchemaDefinition {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: { readonly check: string } } }[];
  readonly innerType?: z.ZodType;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly catchall?: z.ZodType;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly defaultValue?: unknown;
}

const definitionOf = (schema: z.ZodType): SchemaDefinition =>
  (schema as unknown as { readonly _zod: { readonly def: SchemaDefinition } })._zod.def;

/** Schemas whose output is a primitive, never an object zod could have taken from elsewhere. */
const primitiveTypes: ReadonlySet<string> = new Set([
  'string',
  'number',
  'boolean',
  'enum',
  'literal',
  'null',
]);

/** The plan of a schema, from its tree (see {@link FreezePlan}); anything unknown is copied. */
function planOf(schema: z.ZodType): FreezePlan {
  const definition = definitionOf(schema);
  if (primitiveTypes.has(definition.type)) return 'built';
  // An `overwrite` check replaces the output with whatever its function returns.
  if (definition.checks?.some((check) => check._zod.def.check === 'overwrite')) return 'copy';
  switch (definition.type) {
    case 'optional':
    case 'nullable':
      return planOf(definition.innerType!);
    case 'default':
      // A default's value is a shallow copy of the one the schema keeps: fresh only at the top.
      return freshDefault(definition) ? planOf(definition.innerType!) : 'copy';
    case 'object':
      return objectPlan(definition);
    case 'array': {
      const element = planOf(definition.element!);
      return element === 'built' ? 'built' : { element };
    }
    case 'union':
      return definition.options!.every((option) => planOf(option) === 'built') ? 'built' : 'copy';
    default:
      return 'copy';
  }
}

function objectPlan(definition: SchemaDefinition): FreezePlan {
  const members = new Map<string, FreezePlan>();
  let allBuilt = true;
  for (const [key, member] of Object.entries(definition.shape!)) {
    const plan = planOf(member);
    members.set(key, plan);
    if (plan !== 'built') allBuilt = false;
  }
  // Without a catch-all (or with `never`, a strict object's), the output holds the shape's members
  // only; a catch-all's members are copied.
  const onlyShape =
    definition.catchall === undefined || definitionOf(definition.catchall).type === 'never';
  return allBuilt && onlyShape ? 'built' : { members };
}

/**
 * True if the default's value is a primitive, or a new array or object of primitives each time it
 * is given (zod gives a shallow copy of a value, or calls a function, which may return the same
 * object every time).
 */
function freshDefault(definition: SchemaDefinition): boolean {
  const value = definition.defaultValue;
  if (typeof value !== 'object' || value === null) return true;
  if (definition.defaultValue === value) return false;
  return Object.values(value).every((member) => typeof member !== 'object' || member === null);
}

/** One walk of {@link frozenEventData}: what it froze, and what its look at the strings found. */
class FreezeWalk implements FrozenEventData {
  data: unknown = undefined;
  mayHoldPersonnummer = false;

  /**
   * `value` frozen by `plan` at `depth` (see {@link FreezePlan}); all but `value` itself when
   * `freezeValue` is false.
   */
  value(
    value: unknown,
    input: unknown,
    plan: FreezePlan,
    depth: number,
    freezeValue = true,
  ): unknown {
    if (depth > envelopeLimits.jsonDepthMax) return undefined;
    if (typeof value !== 'object' || value === null) return this.primitive(value);
    if (plan === 'copy' || value === input || !builtAsPlanned(value, plan))
      return this.copied(value, depth, freezeValue);
    if (Array.isArray(value)) {
      const element = plan === 'built' ? plan : (plan as { readonly element: FreezePlan }).element;
      return this.array(value, input, element, depth, freezeValue);
    }
    const members = plan as Exclude<FreezePlan, 'copy' | { readonly element: FreezePlan }>;
    return this.object(value as Record<string, unknown>, input, members, depth, freezeValue);
  }

  /** A string, `null`, a boolean or a finite number other than -0; `undefined` for the rest. */
  private primitive(value: unknown): unknown {
    if (typeof value === 'string') {
      if (!this.mayHoldPersonnummer) this.mayHoldPersonnummer = textMayHoldPersonnummer(value);
      return value;
    }
    if (value === null || typeof value === 'boolean') return value;
    return typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)
      ? value
      : undefined;
  }

  /** A frozen copy of `value`, or one frozen but at its top when `freezeValue` is false. */
  private copied(value: object, depth: number, freezeValue: boolean): unknown {
    if (!freezeValue) {
      // The copy is this walk's own: built, frozen in place below its top.
      const copy = quickCopy(value, depth);
      return copy === undefined ? undefined : this.value(copy, undefined, 'built', depth, false);
    }
    const copy = frozenQuickCopy(value, depth);
    if (copy !== undefined && !this.mayHoldPersonnummer)
      this.mayHoldPersonnummer = valueMayHoldPersonnummer(copy);
    return copy;
  }

  private array(
    value: unknown[],
    input: unknown,
    element: FreezePlan,
    depth: number,
    freezeValue: boolean,
  ): unknown {
    const inputArray = Array.isArray(input) ? input : undefined;
    for (let index = 0; index < value.length; index += 1) {
      const member = value[index];
      const frozen = this.value(member, inputArray?.[index], element, depth + 1);
      if (frozen === undefined) return undefined;
      if (frozen !== member) value[index] = frozen;
    }
    return freezeValue ? Object.freeze(value) : value;
  }

  private object(
    value: Record<string, unknown>,
    input: unknown,
    plan: Exclude<FreezePlan, 'copy' | { readonly element: FreezePlan }>,
    depth: number,
    freezeValue: boolean,
  ): unknown {
    const inputObject =
      typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : undefined;
    const keys = Object.keys(value);
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index]!;
      if (!this.mayHoldPersonnummer) this.mayHoldPersonnummer = textMayHoldPersonnummer(key);
      const member = value[key];
      const memberPlan = plan === 'built' ? plan : (plan.members.get(key) ?? 'copy');
      // The input's member is read only where the output's is an object: the guard above.
      const inputMember =
        typeof member === 'object' && member !== null ? inputObject?.[key] : undefined;
      const frozen = this.value(member, inputMember, memberPlan, depth + 1);
      if (frozen === undefined) return undefined;
      if (frozen !== member) value[key] = frozen;
    }
    return freezeValue ? Object.freeze(value) : value;
  }
}

/** True if `value` is an array or a plain object as the plan expects (else it is copied). */
function builtAsPlanned(value: object, plan: Exclude<FreezePlan, 'copy'>): boolean {
  if (Array.isArray(value))
    return (
      (plan === 'built' || 'element' in plan) && Object.getPrototypeOf(value) === Array.prototype
    );
  return (
    (plan === 'built' || 'members' in plan) &&
    Object.getPrototypeOf(value) === Object.prototype &&
    // Assigning a member named `__proto__` would set the prototype: such an object is copied.
    !Object.hasOwn(value, '__proto__')
  );
}
