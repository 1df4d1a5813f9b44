import type { BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import { defaultChart, type Chart } from '../bookkeeping/ChartOfAccounts.js';
import type { PostedEvent } from '../bookkeeping/postingFold.js';
import type { Dimensioner, Verifikation } from '../bookkeeping/Verifikation.js';
import { assert } from '../error.js';
import type { DomainEvent } from '../ledger/EventCatalog.js';
import { Money } from '../money/Money.js';
import type { Projection } from '../projections/Projection.js';
import type { StoredEvent } from '../store/EventEnvelope.js';
import { replayBookkeeping } from './replayStatements.js';
import { registrationDateOf, verifikationNumberOf } from './verifikationRegistration.js';

/** One line of a listed verifikation: the account, its dimensions, and debet or kredit. */
export interface VerifikationslistaRad {
  readonly konto: string;
  readonly kontonamn: string;
  readonly dimensioner?: Dimensioner;
  /** The amount on the debet side, `null` for a kredit line. */
  readonly debet: Money | null;
  /** The amount on the kredit side (positive), `null` for a debet line. */
  readonly kredit: Money | null;
  /** The line's own text, where it has one (an imported `#TRANS` row's). */
  readonly text?: string;
}

/**
 * One verifikation as Bokföringslagen 5 kap. 7 § asks it to be shown: its number, when the
 * transaction happened, when it was registered and by whom, what it concerns, the
 * counterparty, its lines, and the event it came from.
 */
export interface VerifikationslistaPost {
  readonly nummer: string;
  readonly datum: string;
  readonly registrerad: string;
  readonly registreradAv: string;
  readonly text: string;
  readonly motpart?: string;
  readonly rader: readonly VerifikationslistaRad[];
  readonly eventId: string;
  readonly eventType: string;
  /** For a correction: the id of the event it reverses. */
  readonly rättar?: string;
  /**
   * For a correction: the numbers of the corrected event's verifikationer, so that the list leads
   * from the correction to what it corrects. The replay finds those of an event of the same year;
   * {@link withEarlierCorrectedNumbers} adds those of an earlier year's event from the store.
   */
  readonly rättarVerifikationer?: readonly string[];
  /**
   * Why a correction was made, in the recorder's words: `HändelseRättad`'s `orsak`,
   * `EgetKapitalRättat`'s `skäl` (which year, what was wrong, who decided).
   */
  readonly orsak?: string;
  /**
   * For a verifikation whose event was corrected (`HändelseRättad`): the corrections, in recorded
   * order, so that the list leads from what was corrected to its correction (Bokföringslagen 5
   * kap. 5 §), also to a correction of a later year. The rules correct an event once, so this
   * holds one; a list, so that books written past the rules show every correction. Found among
   * the events replayed: a correction they do not hold (stored after `--as-of`, say) is not here.
   */
  readonly rättadAv?: readonly VerifikationslistaRättelse[];
  /** A closing entry (årets resultat, omföring). */
  readonly bokslut?: Verifikation['bokslut'];
  /**
   * For a verifikation imported from a SIE file: its series and number in the old system and
   * the file's SHA-256, so that an auditor finds it there.
   */
  readonly källa?: VerifikationslistaKälla;
}

/**
 * A correction of a listed verifikation's event, as {@link VerifikationslistaPost.rättadAv}
 * names it.
 */
export interface VerifikationslistaRättelse {
  /** The id of the correcting `HändelseRättad` event. */
  readonly eventId: string;
  /** The numbers of the correction's verifikationer, of its own year (`2025-3`). */
  readonly verifikationer: readonly string[];
  /** The correction's date (`YYYY-MM-DD`), the date its verifikationer carry. */
  readonly datum: string;
}

/** Where an imported verifikation came from (`VerifikationImporterad.källa`). */
export interface VerifikationslistaKälla {
  readonly serie: string;
  readonly nummer: string;
  readonly filHash: string;
  /** When the old system registered it (`YYYY-MM-DD`, the file's `#VER` regdatum), if said. */
  readonly registrerad?: string;
  /** Who registered it there (the file's `#VER` sign), if said. */
  readonly signatur?: string;
}

/** Every verifikation of a year in number order, with the year's debet and kredit totals. */
export interface Verifikationslista {
  readonly år: number;
  readonly verifikationer: readonly VerifikationslistaPost[];
  /** Σ debet of every line; equal to `summaKredit` (asserted). */
  readonly summaDebet: Money;
  readonly summaKredit: Money;
}

/**
 * A verifikation as the list shows it, its account names from the chart; `källa` for one
 * imported from a SIE file.
 */
export function verifikationslistaPost(
  chart: Chart,
  verifikation: Verifikation,
  källa?: VerifikationslistaKälla,
): VerifikationslistaPost {
  return {
    nummer: verifikationNumberOf(verifikation),
    datum: verifikation.datum,
    registrerad: registrationDateOf(verifikation),
    registreradAv: verifikation.registreradAv,
    text: verifikation.text,
    ...(verifikation.motpart === undefined ? {} : { motpart: verifikation.motpart }),
    rader: verifikation.rader.map((rad) => ({
      konto: rad.konto,
      kontonamn: chart.account(rad.konto).name,
      ...(rad.dimensioner === undefined ? {} : { dimensioner: rad.dimensioner }),
      debet: rad.belopp.isNegative() ? null : rad.belopp,
      kredit: rad.belopp.isNegative() ? rad.belopp.negated() : null,
      ...(rad.text === undefined ? {} : { text: rad.text }),
    })),
    eventId: verifikation.eventId,
    eventType: verifikation.eventType,
    ...(verifikation.rättar === undefined ? {} : { rättar: verifikation.rättar }),
    ...(verifikation.bokslut === undefined ? {} : { bokslut: verifikation.bokslut }),
    ...(källa === undefined ? {} : { källa }),
  };
}

/**
 * What a correction's verifikation adds to the list: why it was made, and, for an event of the
 * same year, the numbers of the verifikationer it corrects (listed before it: an event is corrected
 * only after it was recorded, and the list is in recorded order).
 */
function correctionFields(
  event: BookkeepingEvent,
  listed: readonly VerifikationslistaPost[],
): Pick<VerifikationslistaPost, 'orsak' | 'rättarVerifikationer'> {
  if (event.type === 'EgetKapitalRättat') return { orsak: event.data.skäl };
  if (event.type !== 'HändelseRättad') return {};
  const corrected = listed
    .filter((post) => post.eventId === event.data.rättadEventId)
    .map((post) => post.nummer);
  return {
    orsak: event.data.orsak,
    ...(corrected.length === 0 ? {} : { rättarVerifikationer: corrected }),
  };
}

/**
 * Adds the correction `event` (posted as `verifikationer`) to the listed verifikationer of the
 * event it corrects. Every event of the replay passes here, not only the year's: a correction of
 * a later year is found in the same pass that lists the year, with no read of the store after
 * it. A scan of the year's list per correction, as {@link correctionFields} does: corrections are
 * few.
 */
function markCorrected(
  listed: VerifikationslistaPost[],
  event: Extract<BookkeepingEvent, { type: 'HändelseRättad' }>,
  verifikationer: readonly Verifikation[],
): void {
  const rättelse: VerifikationslistaRättelse = {
    eventId: event.eventId,
    verifikationer: verifikationer.map(verifikationNumberOf),
    datum: event.data.datum,
  };
  for (let index = 0; index < listed.length; index += 1) {
    const post = listed[index]!;
    if (post.eventId === event.data.rättadEventId)
      listed[index] = { ...post, rättadAv: [...(post.rättadAv ?? []), rättelse] };
  }
}

/** The source of an imported verifikation's event; `undefined` for any other event. */
const källaOf = (event: BookkeepingEvent): VerifikationslistaKälla | undefined =>
  event.type === 'VerifikationImporterad' ? event.data.källa : undefined;

/**
 * The verifikationslista's projection over posted events: the verifikationer dated in `year`, in
 * recorded order, which is number order, each corrected one with the corrections among the events
 * (of any year) that follow it. Memory: the year's verifikationer.
 */
export const verifikationslistaProjection = (
  chart: Chart,
  year: number,
): Projection<PostedEvent<BookkeepingEvent>, VerifikationslistaPost[], Verifikationslista> => ({
  name: `verifikationslista(${year})`,
  init: () => [],
  apply(listed, { event, verifikationer }) {
    for (const verifikation of verifikationer)
      if (verifikation.år === year)
        listed.push({
          ...verifikationslistaPost(chart, verifikation, källaOf(event)),
          ...correctionFields(event, listed),
        });
    if (event.type === 'HändelseRättad') markCorrected(listed, event, verifikationer);
    return listed;
  },
  result(listed) {
    const sides = listed.flatMap((post) => post.rader);
    const summaDebet = Money.sum(sides.flatMap((rad) => (rad.debet === null ? [] : [rad.debet])));
    const summaKredit = Money.sum(
      sides.flatMap((rad) => (rad.kredit === null ? [] : [rad.kredit])),
    );
    assert(
      summaDebet.equals(summaKredit),
      'the year’s verifikationer balance (Σ debet = Σ kredit)',
      {
        year,
        debet: summaDebet.toString(),
        kredit: summaKredit.toString(),
      },
    );
    return { år: year, verifikationer: listed, summaDebet, summaKredit };
  },
});

/**
 * Replays a förbund's bookkeeping events and returns the verifikationslista of `year`. Given the
 * books' whole stream, a corrected verifikation names its correction of any later year
 * (`rättadAv`); given the events up to some instant, only the corrections stored by then.
 */
export async function replayVerifikationslista(
  events: AsyncIterable<StoredEvent | DomainEvent> | Iterable<StoredEvent | DomainEvent>,
  year: number,
  options: { readonly chart?: Chart } = {},
): Promise<Verifikationslista> {
  const chart = options.chart ?? defaultChart;
  const { verifikationslista } = await replayBookkeeping(events, {
    chart,
    extra: { verifikationslista: verifikationslistaProjection(chart, year) },
  });
  return verifikationslista;
}
