import { assertYearArgument } from '../../events/assertYearArgument.js';
import type { DomainEvent } from '../../ledger/EventCatalog.js';
import type { Projection } from '../../projections/Projection.js';
import { bilaga1TablesFromRegister, type Bilaga1Tables } from './bilaga1Tables.js';
import { goalFulfilmentFromRegister, type GoalFulfilment } from './goalFulfilment.js';
import {
  anonymousIn,
  goalInForceOn,
  insatsHistories,
  tookPartIn,
  type InsatsHistory,
  type ParticipantPeriod,
} from './participantRegister.js';

/** The statistics of one insats over one period: the Bilaga 1 tables and goal fulfilment. */
export interface PeriodParticipantTables {
  readonly tables: Bilaga1Tables;
  /** Measured against the goals in force on the period's last day. */
  readonly goals: GoalFulfilment;
}

/** The statistics of one insats in the annual report of one year. */
export interface InsatsParticipantTables {
  readonly insatsId: string;
  /** The year itself, 1 January – 31 December. */
  readonly year: PeriodParticipantTables;
  /**
   * From the insats's first day to 31 December of the year: what Bilaga 1 of the 2020
   * report prints for MIA Roslagen (its 200 participants since 2017), and what it says of
   * MIA Vidare ("per den 31 december har 108 individer totalt deltagit").
   */
  readonly sinceStart: PeriodParticipantTables;
}

/** The participant statistics of a förbund's annual report of one year. */
export interface ParticipantTables {
  readonly år: number;
  /** Every insats with participants in the year, by first day, then by insats id. */
  readonly insatser: readonly InsatsParticipantTables[];
}

const yearPeriod = (year: number): ParticipantPeriod => ({
  periodFrån: `${year}-01-01`,
  periodTill: `${year}-12-31`,
});

/**
 * True if the insats had participants in the period: someone took part, or anonymous ones started.
 */
const hadParticipantsIn = (history: InsatsHistory, period: ParticipantPeriod): boolean =>
  [...history.participants.values()].some((record) => tookPartIn(record, period)) ||
  history.anonymous.some((registration) => anonymousIn(registration, period));

/**
 * The first day of an insats as known on `date`: the earliest of its enrolments, the
 * first days of its goal periods decided by then, and 1 January of its anonymous
 * participants' start years, counting only what is dated on or before `date`.
 */
export function insatsStartedOn(history: InsatsHistory, date: string): string {
  const days = [
    ...[...history.participants.values()].map((record) => record.enrolment.datum),
    ...history.goals.filter((goal) => goal.beslutsdatum <= date).map((goal) => goal.periodFrån),
    ...history.anonymous.map((registration) => `${registration.startår}-01-01`),
  ].filter((day) => day <= date);
  return days.reduce((earliest, day) => (day < earliest ? day : earliest), date);
}

function periodTables(history: InsatsHistory, period: ParticipantPeriod): PeriodParticipantTables {
  const asOfEnd = { ...history, goal: goalInForceOn(history, period.periodTill) };
  return {
    tables: bilaga1TablesFromRegister(asOfEnd, period),
    goals: goalFulfilmentFromRegister(asOfEnd, { insatsId: history.insatsId, ...period }),
  };
}

/**
 * Refuses a year that is not a whole number between 1990 and 2200.
 *
 * @throws LedgerError `VALIDATION_FAILED` naming `year`.
 */
export function assertParticipantTablesYear(year: unknown): asserts year is number {
  assertYearArgument(year);
}

/**
 * The participant statistics of year `year` from folded histories (see
 * {@link participantTables}).
 */
export function participantTablesFromHistories(
  histories: ReadonlyMap<string, InsatsHistory>,
  year: number,
): ParticipantTables {
  assertParticipantTablesYear(year);
  const period = yearPeriod(year);
  const insatser = [...histories.values()]
    .filter((history) => hadParticipantsIn(history, period))
    .map((history) => ({
      history,
      startedOn: insatsStartedOn(history, period.periodTill),
    }))
    .sort((left, right) =>
      left.startedOn !== right.startedOn
        ? left.startedOn < right.startedOn
          ? -1
          : 1
        : left.history.insatsId < right.history.insatsId
          ? -1
          : 1,
    )
    .map(({ history, startedOn }) => ({
      insatsId: history.insatsId,
      year: periodTables(history, period),
      sinceStart: periodTables(history, { periodFrån: startedOn, periodTill: period.periodTill }),
    }));
  return { år: year, insatser };
}

/**
 * The projection of a year's participant statistics: for every insats with participants
 * in `year` (someone took part in it, or anonymous participants started in it), the
 * Bilaga 1 tables and goal fulfilment of the year (1 January – 31 December) and since the
 * insats's first day (to 31 December). Every figure depends on business dates only: events
 * dated after the year never change it, and goals are those in force on 31 December.
 *
 * @throws LedgerError `VALIDATION_FAILED` when `year` is not a whole number from 1990 to 2200.
 * @example
 * const tables = await runProjection(events, participantTables(2020));
 * tables.insatser[0].sinceStart.tables.anvisadFrån.total.samtliga; // 200
 */
export function participantTables(
  year: number,
): Projection<DomainEvent, Map<string, InsatsHistory>, ParticipantTables> {
  assertParticipantTablesYear(year);
  const histories = insatsHistories();
  return {
    ...histories,
    name: `participantTables(${year})`,
    result: (state) => participantTablesFromHistories(state, year),
  };
}
