import type { z } from 'zod';
import { envelopeLimits } from '../store/EventEnvelope.js';
import {
  textMayHoldPersonnummer,
  valueMayHoldPersonnummer,
} from '../privacy/valueMayHoldPersonnummer.js';
import { frozenQuickCopy, quickCopy } from '../store/quickCopy.js';
import { planOf, type FreezePlan, type MembersPlan } from './frozenEventData.js';

/**
 * The walk `frozenEventData` made before its plans were made into functions (ledger/
 * frozenEventData.ts): one walk that reads the plan at every value, kept as the reference the
 * property test holds the freezers to (the same data, the same objects frozen in place or copied,
 * the same look at the strings, the same refusals).
 */
export function referenceFrozenEventData(
  schema: z.ZodType,
  data: unknown,
  input: unknown,
): { readonly data: unknown; readonly mayHoldPersonnummer: boolean } | undefined {
  const walk = new ReferenceWalk();
  try {
    const frozen = walk.value(data, input, planOf(schema), 1, false);
    if (frozen === undefined) return undefined;
    return { data: frozen, mayHoldPersonnummer: walk.mayHoldPersonnummer };
  } catch {
    return undefined;
  }
}

class ReferenceWalk {
  mayHoldPersonnummer = false;

  value(
    value: unknown,
    input: unknown,
    plan: FreezePlan,
    depth: number,
    freezeValue = true,
  ): unknown {
    if (depth > envelopeLimits.jsonDepthMax) return undefined;
    if (typeof value !== 'object' || value === null) return this.primitive(value, plan !== 'free');
    if (plan === 'copy' || plan === 'free' || value === input || !builtAsPlanned(value, plan))
      return this.copied(value, depth, freezeValue);
    if (Array.isArray(value)) {
      const element = plan === 'built' ? plan : (plan as { readonly element: FreezePlan }).element;
      return this.array(value, input, element, depth, freezeValue);
    }
    const members = plan as 'built' | MembersPlan;
    return this.object(value as Record<string, unknown>, input, members, depth, freezeValue);
  }

  private primitive(value: unknown, look: boolean): unknown {
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

  private copied(value: object, depth: number, freezeValue: boolean): unknown {
    if (!freezeValue) {
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
    plan: 'built' | MembersPlan,
    depth: number,
    freezeValue: boolean,
  ): unknown {
    const inputObject =
      typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : undefined;
    const members = plan === 'built' ? undefined : plan.members;
    const unnamedPlan = plan === 'built' ? plan : 'copy';
    const keys = Object.keys(value);
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index]!;
      const named = members?.get(key);
      if (!this.mayHoldPersonnummer)
        this.mayHoldPersonnummer =
          named === undefined ? textMayHoldPersonnummer(key) : named.keyMayHoldPersonnummer;
      const member = value[key];
      const frozen = this.value(
        member,
        inputMemberOf(inputObject, key, member),
        named === undefined ? unnamedPlan : named.plan,
        depth + 1,
      );
      if (frozen === undefined) return undefined;
      if (frozen !== member) value[key] = frozen;
    }
    return freezeValue ? Object.freeze(value) : value;
  }
}

const inputMemberOf = (
  input: Record<string, unknown> | undefined,
  key: string,
  member: unknown,
): unknown => (typeof member === 'object' && member !== null ? input?.[key] : undefined);

function builtAsPlanned(value: object, plan: Exclude<FreezePlan, 'copy' | 'free'>): boolean {
  if (Array.isArray(value))
    return (
      (plan === 'built' || 'element' in plan) && Object.getPrototypeOf(value) === Array.prototype
    );
  return (
    (plan === 'built' || 'members' in plan) &&
    Object.getPrototypeOf(value) === Object.prototype &&
    !Object.hasOwn(value, '__proto__')
  );
}
