import test from 'ava';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { isLedgerError, type LedgerError } from '../error.js';
import { closeYearEvent } from '../facade/ledgerCommands.js';
import { Money } from '../money/Money.js';
import { opening2021 } from './events/eventSpecs.testScenario.js';
import { bookkeepingEvent } from '../testing/bookkeepingFixtures.js';
import type { BookkeepingEvent } from './bookkeepingCatalog.js';
import { createBookkeepingDecider } from './bookkeepingDecider.js';
import type { BookkeepingState } from './BookkeepingState.js';

/**
 * Every refusal names the field it concerns: random sequences of bookkeeping events, most of
 * them wrong for the books they meet (an open item opened twice, a settlement above what is
 * open, a booking in a closed year, a correction of nothing), are checked one by one against
 * the rules. Each refusal must carry at least one issue with a path and a rule, so that a
 * caller can point at the field, as for a schema error. Issue 10 measured 3 482 of 51 898
 * fuzzed refusals without one (OPEN_ITEM_ALREADY_EXISTS, SETTLEMENT_EXCEEDS_OPEN_AMOUNT,
 * YEAR_CLOSED).
 */

const postIds = ['KF-2020-12', 'LF-2020-88', 'ÖS-2020', 'UK-2020', 'UI-ESF-2020', 'FK-2021-01'];
const amounts = ['1.00', '4000.00', '30000.00', '90833.00', '999999.00'];
const dates = ['2021-01-15', '2021-06-30', '2021-12-31', '2022-01-15', '2022-03-01'];

/** One step of the fuzzed history: an event built from the picks and the state it meets. */
type Step = (state: BookkeepingState, accepted: readonly BookkeepingEvent[]) => BookkeepingEvent;

const stepArbitrary: fc.Arbitrary<Step> = fc
  .record({
    kind: fc.integer({ min: 0, max: 12 }),
    postId: fc.constantFrom(...postIds, 'NY-1', 'NY-2'),
    belopp: fc.constantFrom(...amounts),
    datum: fc.constantFrom(...dates),
    pick: fc.nat(),
  })
  .map(({ kind, postId, belopp, datum, pick }): Step => {
    const settle = (type: 'KundfordranBetald' | 'LeverantörsskuldBetald' | 'ÖvrigSkuldBetald') =>
      bookkeepingEvent(type, { datum, postId, belopp });
    const steps: Step[] = [
      () => settle('KundfordranBetald'),
      () => settle('LeverantörsskuldBetald'),
      () => settle('ÖvrigSkuldBetald'),
      () =>
        bookkeepingEvent('MedlemsbidragFakturerat', {
          datum,
          medlem: 'Täby kommun',
          medlemskategori: 'kommun',
          period: '2021 kv 1',
          belopp,
          postId,
        }),
      () =>
        bookkeepingEvent('IntäktUpplupen', {
          datum,
          postId,
          intäktsslag: 'esf',
          belopp,
          text: 'ESF',
        }),
      () =>
        bookkeepingEvent('PeriodiseringÅterförd', {
          datum,
          postId,
          slag: 'upplupen-kostnad',
          belopp,
          område: 'administrativa',
          post: 'Revision',
          text: 'Återföring',
        }),
      () => bookkeepingEvent('MomsÅterbetald', { datum, period: 'jan', belopp }),
      () =>
        bookkeepingEvent('FinansiellIntäktBokförd', {
          datum,
          belopp,
          text: 'Ränta',
          motpart: 'Banken',
        }),
      // The year's true result, so that later events meet a closed year.
      (state) => bookkeepingEvent('RäkenskapsårStängt', closeYearEvent(state, 2021, '2022-02-15')),
      () => bookkeepingEvent('RäkenskapsårStängt', { år: 2021, datum, åretsResultat: belopp }),
      (_state, accepted) => {
        const original = accepted[pick % accepted.length]!;
        return bookkeepingEvent('HändelseRättad', {
          datum,
          rättadEventId: pick % 3 === 0 ? 'no-such-event' : original.eventId,
          orsak: 'Fel',
          original: { type: original.type, schemaVersion: 1, data: original.data },
        });
      },
      () => opening2021,
      // A supplier's credit note: against any item (a payable, or one of another kind), its VAT
      // above the VAT receivable (a VAT debt, accepted), and in a closed year.
      () =>
        bookkeepingEvent('KostnadKrediterad', {
          datum,
          område: 'operativa',
          post: 'Insatser',
          belopp,
          moms: Money.fromOre(Money.from(belopp).toOre() / 4n).toString(),
          text: 'Kreditfaktura',
          reglering: { sätt: 'leverantörsskuld', postId },
        }),
    ];
    return steps[kind]!;
  });

/** The event a step builds, or the refusal of its schema (which also names its field). */
const build = (
  step: Step,
  state: BookkeepingState,
  accepted: readonly BookkeepingEvent[],
): E.Either<LedgerError, BookkeepingEvent> => {
  try {
    return E.right(step(state, accepted));
  } catch (thrown) {
    if (isLedgerError(thrown)) return E.left(thrown);
    throw thrown;
  }
};

const namesItsField = (error: LedgerError): boolean =>
  error.issues.length > 0 &&
  error.issues.every((issue) => issue.path.length > 0 && issue.rule.length > 0);

test('property: every refusal of the bookkeeping rules names its field and rule in issues', (t) => {
  const refusedCodes = new Map<string, number>();
  fc.assert(
    fc.property(fc.array(stepArbitrary, { minLength: 1, maxLength: 25 }), (steps) => {
      const decider = createBookkeepingDecider();
      let state = decider.initialState();
      decider.decide(state, opening2021);
      state = decider.evolve(state, decider.annotate?.(state, opening2021) ?? opening2021);
      const accepted: BookkeepingEvent[] = [opening2021];
      for (const step of steps) {
        const built = build(step, state, accepted);
        const decision = E.isLeft(built) ? built : decider.decide(state, built.right);
        if (E.isLeft(decision)) {
          const error = decision.left;
          refusedCodes.set(error.code, (refusedCodes.get(error.code) ?? 0) + 1);
          if (!namesItsField(error))
            throw new Error(`${error.code} without a field: ${JSON.stringify(error.toJSON())}`);
          continue;
        }
        const event = (built as E.Right<BookkeepingEvent>).right;
        state = decider.evolve(state, decider.annotate?.(state, event) ?? event);
        accepted.push(event);
      }
    }),
    { numRuns: 300, seed: 10 },
  );
  t.log(Object.fromEntries(refusedCodes));
  // The codes issue 10 found without a field are among those exercised here.
  for (const code of ['OPEN_ITEM_ALREADY_EXISTS', 'SETTLEMENT_EXCEEDS_OPEN_AMOUNT', 'YEAR_CLOSED'])
    t.true((refusedCodes.get(code) ?? 0) > 0, `${code} refused at least once`);
  t.true(refusedCodes.size >= 6, `codes refused: ${[...refusedCodes.keys()].join(', ')}`);
});
