import type { DomainEvent } from '../../ledger/EventCatalog.js';
import type { Projection } from '../../projections/Projection.js';
import type { GoalShareBase, InsatsmålSattData } from '../InsatsmålSatt.js';
import { arbeteEllerStudier, stegförflyttning } from '../participantVocabulary.js';
import { roundedWholePercent, shareOf, type Share } from '../Share.js';
import {
  anonymousIn,
  concludedIn,
  participantRegister,
  tookPartIn,
  type InsatsRegister,
  checkPeriodInOrder,
  type ParticipantPeriod,
} from './participantRegister.js';

/** Options of {@link goalFulfilment}. */
export interface GoalFulfilmentOptions extends ParticipantPeriod {
  readonly insatsId: string;
  /**
   * What the shares are shares of; defaults to the goal's `andelAv`, or `avslutade` without a goal.
   */
  readonly andelAv?: GoalShareBase;
}

/** How an insats did against its goals in a period. */
export interface GoalFulfilment extends ParticipantPeriod {
  readonly insatsId: string;
  /** The goals in force (the last `InsatsmålSatt` recorded for the insats), or null. */
  readonly goal: InsatsmålSattData | null;
  /**
   * Participants offered the insats: those who took part in the period, anonymous ones included.
   */
  readonly offered: number;
  /**
   * `offered` as a whole percent of the goal, rounded half away from zero; null without a
   * goal, or when the period does not cover the goal's whole period (a year's participants
   * are not measured against a whole project's goal).
   */
  readonly offeredPercentOfGoal: number | null;
  /** Participants concluded in the period. */
  readonly concluded: number;
  /** What the shares below are shares of. */
  readonly andelAv: GoalShareBase;
  /** Concluded in the period to arbete or studier. */
  readonly arbeteEllerStudier: Share;
  /** Concluded in the period to an ordinary programme at Arbetsförmedlingen or the municipality. */
  readonly stegförflyttning: Share;
  /**
   * Whether each goal is met, comparing exact counts (never rounded percentages); null without a
   * goal.
   */
  readonly met: {
    readonly offered: boolean | null;
    readonly arbeteEllerStudier: boolean;
    readonly stegförflyttning: boolean;
  } | null;
}

/** True if `share` is at least `percent` %, compared exactly: `100·count ≥ percent·of`. */
export const meetsPercent = (share: Share, percent: number): boolean =>
  share.of > 0 && 100 * share.count >= percent * share.of;

/** Computes goal fulfilment from a folded register. */
export function goalFulfilmentFromRegister(
  register: InsatsRegister,
  options: GoalFulfilmentOptions,
): GoalFulfilment {
  checkPeriodInOrder(options);
  const records = [...register.participants.values()];
  const anonymousCount = register.anonymous
    .filter((registration) => anonymousIn(registration, options))
    .reduce((sum, registration) => sum + registration.antal, 0);
  const offered = records.filter((record) => tookPartIn(record, options)).length + anonymousCount;
  const concludedRecords = records.filter((record) => concludedIn(record, options));
  const reasonCount = (reasons: readonly string[]) =>
    concludedRecords.filter((record) => reasons.includes(record.conclusion!.avslutsorsak)).length;
  const goal = register.goal;
  const andelAv = options.andelAv ?? goal?.andelAv ?? 'avslutade';
  const base = andelAv === 'avslutade' ? concludedRecords.length : offered;
  const coversGoalPeriod =
    goal !== null && options.periodFrån <= goal.periodFrån && options.periodTill >= goal.periodTill;
  const workOrStudies = shareOf(reasonCount(arbeteEllerStudier), base);
  const stepCloser = shareOf(reasonCount(stegförflyttning), base);
  return {
    insatsId: register.insatsId,
    periodFrån: options.periodFrån,
    periodTill: options.periodTill,
    goal,
    offered,
    offeredPercentOfGoal:
      goal === null || !coversGoalPeriod || goal.erbjudnaMål === 0
        ? null
        : roundedWholePercent(offered, goal.erbjudnaMål),
    concluded: concludedRecords.length,
    andelAv,
    arbeteEllerStudier: workOrStudies,
    stegförflyttning: stepCloser,
    met:
      goal === null
        ? null
        : {
            offered: coversGoalPeriod ? offered >= goal.erbjudnaMål : null,
            arbeteEllerStudier: meetsPercent(workOrStudies, goal.arbeteEllerStudierMålProcent),
            stegförflyttning: meetsPercent(stepCloser, goal.stegförflyttningMålProcent),
          },
  };
}

/**
 * The projection of goal fulfilment for one insats and period: participants offered the
 * insats, the share concluded to work or studies and the share with stegförflyttning,
 * against the goals in force.
 */
export function goalFulfilment(
  options: GoalFulfilmentOptions,
): Projection<DomainEvent, InsatsRegister, GoalFulfilment> {
  const register = participantRegister(options.insatsId);
  return {
    ...register,
    name: `goalFulfilment(${options.insatsId})`,
    result: (state) => goalFulfilmentFromRegister(state, options),
  };
}
