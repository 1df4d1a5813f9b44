import {
  postEvent,
  bookkeepingCatalog,
  type BookkeepingEvent,
} from '../bookkeeping/bookkeepingCatalog.js';
import { createBookkeepingDecider } from '../bookkeeping/bookkeepingDecider.js';
import { defaultChart, type Chart } from '../bookkeeping/ChartOfAccounts.js';
import { VerifikationNumbering, type PostedEvent } from '../bookkeeping/postingFold.js';
import type { Dimensioner, VerifikationDraft } from '../bookkeeping/Verifikation.js';
import type { Projection } from '../projections/Projection.js';
import { DeciderSpecification, projectionHolds } from './DeciderSpecification.js';

/** One line of a posted verifikation as a specification states it: account, side, amount. */
export type PostedRad = (
  | { readonly konto: string; readonly debet: string }
  | { readonly konto: string; readonly kredit: string }
) & { readonly dimensioner?: Dimensioner; readonly text?: string };

/** A posted verifikation as a specification states it (without its number). */
export interface PostedVerifikation {
  readonly datum: string;
  readonly text: string;
  readonly motpart?: string;
  readonly bokslut?: 'årets-resultat' | 'omföring';
  readonly rader: readonly PostedRad[];
}

/** A draft in the debet/kredit form of {@link PostedVerifikation}. */
export const postedVerifikation = (draft: VerifikationDraft): PostedVerifikation => ({
  datum: draft.datum,
  text: draft.text,
  ...(draft.motpart === undefined ? {} : { motpart: draft.motpart }),
  ...(draft.bokslut === undefined ? {} : { bokslut: draft.bokslut }),
  rader: draft.rader.map(({ konto, belopp, dimensioner, text }) => ({
    konto,
    ...(belopp.isNegative()
      ? { kredit: belopp.negated().toString() }
      : { debet: belopp.toString() }),
    ...(dimensioner === undefined ? {} : { dimensioner }),
    ...(text === undefined ? {} : { text }),
  })) as PostedRad[],
});

/**
 * A {@link DeciderSpecification} of a förbund's books: the bookkeeping rules and catalog,
 * and `thenPosts` on the verifikationer in debet/kredit form.
 *
 * @example
 * ```ts
 * bookkeepingSpecification()
 *   .given([opening])
 *   .when(
 *     bookkeepingEvent('MomsÅterbetald', { datum: '2021-02-12', period: 'jan', belopp: '250.00' }),
 *   )
 *   .thenPosts([
 *     {
 *       datum: '2021-02-12',
 *       text: 'Momsåterbetalning jan',
 *       motpart: 'Skatteverket',
 *       rader: [
 *         { konto: '1930', debet: '250.00' },
 *         { konto: '1650', kredit: '250.00' },
 *       ],
 *     },
 *   ]);
 * ```
 */
export const bookkeepingSpecification = (chart: Chart = defaultChart) => {
  const specification = DeciderSpecification.for({
    decider: createBookkeepingDecider(chart),
    catalog: bookkeepingCatalog,
    post: (event): readonly PostedVerifikation[] => postEvent(event, chart).map(postedVerifikation),
  });
  return {
    given(events: readonly BookkeepingEvent[]) {
      const given = specification.given(events);
      return {
        ...given,
        /**
         * Runs `projection` over the given events as a store's read gives them to it, each
         * posted with its numbered verifikationer (`postEvents`), and asserts its result equals
         * `expected`; returns the result. The events must be a history the rules accept (a
         * refused one throws, naming the event), so a projection is never tested on books that
         * cannot exist.
         */
        thenPostedProjection<ProjectionState, Result>(
          projection: Projection<PostedEvent<BookkeepingEvent>, ProjectionState, Result>,
          expected: Result,
        ): Result {
          given.state();
          const numbering = new VerifikationNumbering();
          const posted = events.map((event) => numbering.post(event, chart));
          return projectionHolds(projection, posted, expected);
        },
      };
    },
  };
};
