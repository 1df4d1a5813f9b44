import type { z } from 'zod';
import { envelopeLimits } from '../store/EventEnvelope.js';
import {
  textMayHoldPersonnummer,
  valueMayHoldPersonnummer,
} from '../privacy/valueMayHoldPersonnummer.js';
import { frozenQuickCopy, quickCopy } from '../store/quickCopy.js';
import { isFreeOfPersonnummer } from '../events/textsFreeOfPersonnummer.js';

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
 * - `free`: a primitive whose text, if it is one, is known to hold no personnummer (see below);
 * - `copy`: any object or array of the output may be held elsewhere;
 * - `members` / `element`: an object (or array) built by zod whose members follow their own plan;
 *   a member the schema does not name (a catch-all's) is copied.
 *
 * Every string of the data, keys included, is given the personnummer search's first look as it is
 * frozen, unless the plan shows it needless: a key the schema names is looked at once, when the
 * plan is made; so is every value an enum or a literal can take; and a text of a schema marked in
 * `events/textsFreeOfPersonnummer.ts` (`zodFields`' free texts and identifiers, which their own
 * rule searched in full, and dates) is not looked at again.
 *
 * Frozen in place, an object built by zod is one nobody else holds; and whatever the plan says, an
 * object of the output that is the very object found at the same place in the input is copied, so
 * that a caller's object is never frozen even if zod handed it on where the plan says it does not.
 * The rules are those of the store's quick copy (plain JSON: plain objects and arrays, finite
 * numbers but -0, the depth limit): data that breaks one is refused (`undefined`), and the
 * catalog then hands the schema's output on uncertified, for the store to refuse as it always did.
 */
export type FreezePlan = 'built' | 'free' | 'copy' | MembersPlan | { readonly element: FreezePlan };

/** The plan of an object built by zod: its members' plans by key. */
export interface MembersPlan {
  readonly members: ReadonlyMap<string, MemberPlan>;
  /** True if the object holds the members named only (it has no catch-all, or `never`). */
  readonly onlyNamed: boolean;
}

/** One member of a {@link MembersPlan}: its plan, and the first look at its key, taken once. */
export interface MemberPlan {
  readonly plan: FreezePlan;
  readonly keyMayHoldPersonnummer: boolean;
}

/** The freezers of the schemas met so far (a definition's schema never changes). */
const freezers = new WeakMap<object, Freezer>();

/** What {@link frozenEventData} makes of a schema's output. */
export interface FrozenEventData {
  /** The data, deeply frozen but for the data object itself (see {@link frozenEventData}). */
  readonly data: unknown;
  /**
   * False if no string of the data, keys included, can hold a personnummer: by the first look of
   * `valueMayHoldPersonnummer`, taken on each string as the data is frozen, or by what its schema
   * proved of it (see {@link FreezePlan}).
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
  let freezer = freezers.get(schema);
  if (freezer === undefined) {
    freezer = freezerOf(planOf(schema));
    freezers.set(schema, freezer);
  }
  const walk = new FreezeWalk();
  try {
    // The depth the data has inside an envelope, where the store's depth limit counts it.
    const frozen = freezer(data, input, 1, false, walk);
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
  /** An enum's values by name. */
  readonly entries?: Readonly<Record<string, unknown>>;
  /** A literal's values. */
  readonly values?: readonly unknown[];
}

const definitionOf = (schema: z.ZodType): SchemaDefinition =>
  (schema as unknown as { readonly _zod: { readonly def: SchemaDefinition } })._zod.def;

/** The first look at a value a schema may give as it is (an enum's or a literal's). */
const constantMayHoldPersonnummer = (value: unknown): boolean =>
  typeof value === 'string' && textMayHoldPersonnummer(value);

/**
 * The plan of a primitive schema: `free` where no value it gives can hold a personnummer (a number,
 * an enum or a literal whose every text the first look passes, a marked text), else `built`.
 */
function primitivePlan(schema: z.ZodType, definition: SchemaDefinition): FreezePlan {
  switch (definition.type) {
    case 'number':
    case 'boolean':
    case 'null':
      return 'free';
    case 'enum':
      return Object.values(definition.entries ?? {}).some(constantMayHoldPersonnummer)
        ? 'built'
        : 'free';
    case 'literal':
      return (definition.values ?? []).some(constantMayHoldPersonnummer) ? 'built' : 'free';
    default:
      return isFreeOfPersonnummer(schema) ? 'free' : 'built';
  }
}

/** Schemas whose output is a primitive, never an object zod could have taken from elsewhere. */
const primitiveTypes: ReadonlySet<string> = new Set([
  'string',
  'number',
  'boolean',
  'enum',
  'literal',
  'null',
]);

/**
 * The plan of a schema, from its tree (see {@link FreezePlan}); anything unknown is copied.
 * Exported for the test that holds the freezers made of a plan to the walk that reads it.
 */
export function planOf(schema: z.ZodType): FreezePlan {
  const definition = definitionOf(schema);
  // An `overwrite` check replaces the output with whatever its function returns.
  if (definition.checks?.some((check) => check._zod.def.check === 'overwrite')) return 'copy';
  if (primitiveTypes.has(definition.type)) return primitivePlan(schema, definition);
  switch (definition.type) {
    case 'optional':
    case 'nullable':
      return planOf(definition.innerType!);
    case 'default':
      return defaultPlan(definition);
    case 'object':
      return objectPlan(definition);
    case 'array': {
      const element = planOf(definition.element!);
      return element === 'built' ? 'built' : { element };
    }
    case 'union':
      return definition.options!.map(planOf).reduce(unionPlan);
    default:
      return 'copy';
  }
}

/**
 * A default's plan. Its value is a shallow copy of the one the schema keeps (fresh only at the
 * top), or what a function returns, and it is given as it is, without the inner schema's checks:
 * its texts are looked at, whatever the inner schema proves of the texts it checks.
 */
function defaultPlan(definition: SchemaDefinition): FreezePlan {
  return freshDefault(definition) ? lookedPlan(planOf(definition.innerType!)) : 'copy';
}

/** `plan` with every text looked at: `free` is `built`, at any depth. */
function lookedPlan(plan: FreezePlan): FreezePlan {
  if (plan === 'free') return 'built';
  if (typeof plan !== 'object') return plan;
  if ('element' in plan) return { element: lookedPlan(plan.element) };
  const members = new Map<string, MemberPlan>();
  for (const [key, member] of plan.members)
    members.set(key, { ...member, plan: lookedPlan(member.plan) });
  return { members, onlyNamed: plan.onlyNamed };
}

/**
 * The plan of a union's output, which is one of its options' outputs: a plan that holds for
 * either of two options' (`reduce`d over all of them). Whatever does not fit both is copied.
 */
function unionPlan(left: FreezePlan, right: FreezePlan): FreezePlan {
  if (left === right) return left;
  if (left === 'copy' || right === 'copy') return 'copy';
  // A primitive under any plan is looked at unless the plan is `free`; an array under an object's
  // plan is copied. A `built` array's strings under another's `element` would not be.
  if (left === 'free' || (left === 'built' && isMembersPlan(right))) return right;
  if (right === 'free' || (right === 'built' && isMembersPlan(left))) return left;
  if (isMembersPlan(left) && isMembersPlan(right)) return mergedMembers(left, right);
  return isElementPlan(left) && isElementPlan(right)
    ? { element: unionPlan(left.element, right.element) }
    : 'copy';
}

const isMembersPlan = (plan: FreezePlan): plan is MembersPlan =>
  typeof plan === 'object' && 'members' in plan;

const isElementPlan = (plan: FreezePlan): plan is { readonly element: FreezePlan } =>
  typeof plan === 'object' && 'element' in plan;

/**
 * The plan of an object of either of two options: a member both name takes a plan that holds for
 * both; a member one names is the other's catch-all member if the other has one, and then copied.
 */
function mergedMembers(left: MembersPlan, right: MembersPlan): MembersPlan {
  const members = new Map<string, MemberPlan>();
  for (const [key, member] of left.members) {
    const other = right.members.get(key);
    if (other !== undefined)
      members.set(key, { ...member, plan: unionPlan(member.plan, other.plan) });
    else members.set(key, right.onlyNamed ? member : { ...member, plan: 'copy' });
  }
  for (const [key, member] of right.members)
    if (!left.members.has(key))
      members.set(key, left.onlyNamed ? member : { ...member, plan: 'copy' });
  return { members, onlyNamed: left.onlyNamed && right.onlyNamed };
}

function objectPlan(definition: SchemaDefinition): MembersPlan {
  const members = new Map<string, MemberPlan>();
  for (const [key, member] of Object.entries(definition.shape!))
    members.set(key, {
      plan: planOf(member),
      keyMayHoldPersonnummer: textMayHoldPersonnummer(key),
    });
  // Without a catch-all (or with `never`, a strict object's), the output holds the shape's members
  // only; a catch-all's members are copied, and their keys looked at, by the walk.
  const onlyNamed =
    definition.catchall === undefined || definitionOf(definition.catchall).type === 'never';
  return { members, onlyNamed };
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

/** One freeze of {@link frozenEventData}: what it froze, and what its look at the strings found. */
class FreezeWalk implements FrozenEventData {
  data: unknown = undefined;
  mayHoldPersonnummer = false;

  /**
   * A string, `null`, a boolean or a finite number other than -0; `undefined` for the rest. A
   * string is given the first look when `look` is true (its plan did not prove the look needless).
   */
  primitive(value: unknown, look: boolean): unknown {
    if (typeof value === 'string') {
      if (look && !this.mayHoldPersonnummer)
        this.mayHoldPersonnummer = textMayHoldPersonnummer(value);
      return value;
    }
    if (value === null || typeof value === 'boolean') return value;
    return typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)
      ? value
      : undefined;
  }

  /** A frozen copy of `value`, or one frozen but at its top when `freezeValue` is false. */
  copied(value: object, depth: number, freezeValue: boolean): unknown {
    if (!freezeValue) {
      // The copy is this walk's own: built, frozen in place below its top.
      const copy = quickCopy(value, depth);
      return copy === undefined ? undefined : freezeBuilt(copy, undefined, depth, false, this);
    }
    const copy = frozenQuickCopy(value, depth);
    if (copy !== undefined && !this.mayHoldPersonnummer)
      this.mayHoldPersonnummer = valueMayHoldPersonnummer(copy);
    return copy;
  }

  /** The first look at `key`, taken when the plan was made if the schema names the key. */
  lookAtKey(key: string, named: CompiledMember | undefined): void {
    this.mayHoldPersonnummer =
      named === undefined ? textMayHoldPersonnummer(key) : named.keyMayHoldPersonnummer;
  }
}

/**
 * A plan made into a function, once per schema: `value` (found where `input` was in what the
 * schema parsed) frozen by the plan at `depth`, all but `value` itself when `freezeValue` is false;
 * `undefined` if it is not plain JSON. What the walk finds of the strings goes into `walk`. A
 * function per plan, not one walk that reads the plan at every value: every event the catalog
 * makes is frozen here.
 */
type Freezer = (
  value: unknown,
  input: unknown,
  depth: number,
  freezeValue: boolean,
  walk: FreezeWalk,
) => unknown;

/** A member of a {@link MembersPlan} as a {@link Freezer} freezes it. */
interface CompiledMember {
  readonly freeze: Freezer;
  readonly keyMayHoldPersonnummer: boolean;
  /** Where the schema's shape names it. */
  readonly index: number;
}

/**
 * The members of a {@link MembersPlan} as a {@link Freezer} freezes them: by key, and in the
 * order of the schema's shape, the order zod builds an object's members in, so that a member is
 * found by comparing its key with the one expected next rather than by looking it up.
 */
interface CompiledMembers {
  readonly byKey: ReadonlyMap<string, CompiledMember>;
  readonly keys: readonly string[];
  readonly inOrder: readonly CompiledMember[];
}

/** A string no look is needed at, or any other primitive; an object is copied (`free`). */
const freezeFree: Freezer = (value, _input, depth, freezeValue, walk) => {
  if (depth > envelopeLimits.jsonDepthMax) return undefined;
  if (typeof value !== 'object' || value === null) return walk.primitive(value, false);
  return walk.copied(value, depth, freezeValue);
};

/** Any primitive, a string looked at; an object is copied (`copy`). */
const freezeCopy: Freezer = (value, _input, depth, freezeValue, walk) => {
  if (depth > envelopeLimits.jsonDepthMax) return undefined;
  if (typeof value !== 'object' || value === null) return walk.primitive(value, true);
  return walk.copied(value, depth, freezeValue);
};

/** Every object and array built by zod, every string looked at (`built`). */
const freezeBuilt: Freezer = (value, input, depth, freezeValue, walk) => {
  if (depth > envelopeLimits.jsonDepthMax) return undefined;
  if (typeof value !== 'object' || value === null) return walk.primitive(value, true);
  if (value === input) return walk.copied(value, depth, freezeValue);
  if (Array.isArray(value))
    return isPlainArray(value)
      ? frozenArray(value, input, freezeBuilt, depth, freezeValue, walk)
      : walk.copied(value, depth, freezeValue);
  return isPlainObject(value)
    ? frozenObject(value, input, undefined, depth, freezeValue, walk)
    : walk.copied(value, depth, freezeValue);
};

/** An array built by zod whose elements are frozen by `element`; anything else copied. */
function elementFreezer(element: Freezer): Freezer {
  return (value, input, depth, freezeValue, walk) => {
    if (depth > envelopeLimits.jsonDepthMax) return undefined;
    if (typeof value !== 'object' || value === null) return walk.primitive(value, true);
    return value !== input && Array.isArray(value) && isPlainArray(value)
      ? frozenArray(value, input, element, depth, freezeValue, walk)
      : walk.copied(value, depth, freezeValue);
  };
}

/** An object built by zod whose named members are frozen by their own plans; the rest copied. */
function membersFreezer(plan: MembersPlan): Freezer {
  const byKey = new Map<string, CompiledMember>();
  const keys: string[] = [];
  const inOrder: CompiledMember[] = [];
  for (const [key, member] of plan.members) {
    const compiled = {
      freeze: freezerOf(member.plan),
      keyMayHoldPersonnummer: member.keyMayHoldPersonnummer,
      index: keys.length,
    };
    byKey.set(key, compiled);
    keys.push(key);
    inOrder.push(compiled);
  }
  const members: CompiledMembers = { byKey, keys, inOrder };
  return (value, input, depth, freezeValue, walk) => {
    if (depth > envelopeLimits.jsonDepthMax) return undefined;
    if (typeof value !== 'object' || value === null) return walk.primitive(value, true);
    return value !== input && !Array.isArray(value) && isPlainObject(value)
      ? frozenObject(value, input, members, depth, freezeValue, walk)
      : walk.copied(value, depth, freezeValue);
  };
}

/** The {@link Freezer} of `plan`. */
function freezerOf(plan: FreezePlan): Freezer {
  if (plan === 'free') return freezeFree;
  if (plan === 'copy') return freezeCopy;
  if (plan === 'built') return freezeBuilt;
  return 'element' in plan ? elementFreezer(freezerOf(plan.element)) : membersFreezer(plan);
}

function frozenArray(
  value: unknown[],
  input: unknown,
  element: Freezer,
  depth: number,
  freezeValue: boolean,
  walk: FreezeWalk,
): unknown {
  const inputArray = Array.isArray(input) ? input : undefined;
  for (let index = 0; index < value.length; index += 1) {
    const member = value[index];
    const frozen = element(member, inputArray?.[index], depth + 1, true, walk);
    if (frozen === undefined) return undefined;
    if (frozen !== member) value[index] = frozen;
  }
  return freezeValue ? Object.freeze(value) : value;
}

/**
 * An object built by zod: each member the plan names (`members`) frozen by its own freezer, any
 * other member copied; every member built when `members` is `undefined` (a `built` plan).
 */
function frozenObject(
  value: Record<string, unknown>,
  input: unknown,
  members: CompiledMembers | undefined,
  depth: number,
  freezeValue: boolean,
  walk: FreezeWalk,
): unknown {
  const inputObject =
    typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : undefined;
  // A member the plan does not name is one of a catch-all's, copied (or, under `built`, built).
  const unnamed = members === undefined ? freezeBuilt : freezeCopy;
  let next = 0;
  // `for…in` with the own-property filter it is optimised for: the members `Object.keys` gives,
  // in its order, without a new array of keys per object.
  for (const key in value) {
    if (!hasOwnProperty.call(value, key)) continue;
    let named: CompiledMember | undefined;
    if (members !== undefined) {
      named = members.keys[next] === key ? members.inOrder[next] : members.byKey.get(key);
      if (named !== undefined) next = named.index + 1;
    }
    if (!walk.mayHoldPersonnummer) walk.lookAtKey(key, named);
    const member = value[key];
    const frozen = (named === undefined ? unnamed : named.freeze)(
      member,
      inputMemberOf(inputObject, key, member),
      depth + 1,
      true,
      walk,
    );
    if (frozen === undefined) return undefined;
    if (frozen !== member) value[key] = frozen;
  }
  return freezeValue ? Object.freeze(value) : value;
}

/**
 * The input's member at `key`, read only where the output's `member` is an object (the one place
 * the walk compares them).
 */
const inputMemberOf = (
  input: Record<string, unknown> | undefined,
  key: string,
  member: unknown,
): unknown => (typeof member === 'object' && member !== null ? input?.[key] : undefined);

const { hasOwnProperty } = Object.prototype;

/** True if the array `value` is a plain array (else it is copied). */
const isPlainArray = (value: unknown[]): boolean =>
  Object.getPrototypeOf(value) === Array.prototype;

/** True if the non-array object `value` is a plain object (else it is copied). */
const isPlainObject = (value: object): value is Record<string, unknown> =>
  Object.getPrototypeOf(value) === Object.prototype &&
  // Assigning a member named `__proto__` would set the prototype: such an object is copied.
  !Object.hasOwn(value, '__proto__');
