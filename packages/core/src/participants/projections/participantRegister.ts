import { assert, ledgerError } from '../../error.js';
import type { DomainEvent } from '../../ledger/EventCatalog.js';
import type { Projection } from '../../projections/Projection.js';
import type { AnonymaDeltagareRegistreradeData } from '../AnonymaDeltagareRegistrerade.js';
import type { DeltagareAvslutadData } from '../DeltagareAvslutad.js';
import type { DeltagareInskrivenData } from '../DeltagareInskriven.js';
import type { InsatsmålSattData } from '../InsatsmålSatt.js';
import { isParticipantEvent, type ParticipantEvent } from '../participantCatalog.js';

/** One participant of one insats, as the statistics need it. */
export interface ParticipantRecord {
  readonly enrolment: DeltagareInskrivenData;
  /** Set when the participant concluded. */
  conclusion?: DeltagareAvslutadData;
  /** Set when the participant was transferred to a successor insats. */
  transferredOn?: string;
}

/** The participants of one insats, folded from the participant stream. */
export interface InsatsRegister {
  readonly insatsId: string;
  readonly participants: Map<string, ParticipantRecord>;
  readonly anonymous: AnonymaDeltagareRegistreradeData[];
  /** The goals in force: the last `InsatsmålSatt` recorded for the insats. */
  goal: InsatsmålSattData | null;
}

/** A register that also keeps every goal decided, to tell which was in force on a day. */
export interface InsatsHistory extends InsatsRegister {
  /**
   * Every `InsatsmålSatt` recorded for the insats, in recording order (see {@link goalInForceOn}).
   */
  readonly goals: InsatsmålSattData[];
}

/**
 * Folds one participant event of the register's insats into it (updating it in place, as
 * a projection's `apply` may). The caller has checked that the event is of this insats.
 */
export function applyToInsatsRegister<Register extends InsatsRegister>(
  register: Register,
  event: ParticipantEvent,
): Register {
  switch (event.type) {
    case 'DeltagareInskriven':
      assert(
        !register.participants.has(event.data.deltagareId),
        'a participant is enrolled once per insats',
        { eventId: event.eventId },
      );
      register.participants.set(event.data.deltagareId, { enrolment: event.data });
      break;
    case 'DeltagareAvslutad':
    case 'DeltagareÖverförd': {
      const record = register.participants.get(event.data.deltagareId);
      assert(
        record !== undefined &&
          record.conclusion === undefined &&
          record.transferredOn === undefined,
        'only an enrolled participant ends, once',
        { eventId: event.eventId },
      );
      if (event.type === 'DeltagareAvslutad') record.conclusion = event.data;
      else record.transferredOn = event.data.datum;
      break;
    }
    case 'AnonymaDeltagareRegistrerade':
      register.anonymous.push(event.data);
      break;
    case 'InsatsmålSatt':
      register.goal = event.data;
      break;
  }
  return register;
}

/**
 * A projection that folds the participant events of one insats into a register (one
 * record per participant). Events of other insatser and other streams are skipped. The
 * tables and the goal fulfilment are read from this register.
 */
export function participantRegister(
  insatsId: string,
): Projection<DomainEvent, InsatsRegister, InsatsRegister> {
  return {
    name: `participantRegister(${insatsId})`,
    init: () => ({ insatsId, participants: new Map(), anonymous: [], goal: null }),
    apply: (register, event) =>
      isParticipantEvent(event) && event.data.insatsId === insatsId
        ? applyToInsatsRegister(register, event)
        : register,
    result: (register) => register,
  };
}

/**
 * A projection that folds the participant events of every insats into one history per
 * insats (its register and every goal decided), by insats id. Events of other streams are
 * skipped.
 */
export function insatsHistories(): Projection<
  DomainEvent,
  Map<string, InsatsHistory>,
  ReadonlyMap<string, InsatsHistory>
> {
  return {
    name: 'insatsHistories',
    init: () => new Map(),
    apply(histories, event) {
      if (!isParticipantEvent(event)) return histories;
      const insatsId = event.data.insatsId;
      let history = histories.get(insatsId);
      if (history === undefined) {
        history = { insatsId, participants: new Map(), anonymous: [], goal: null, goals: [] };
        histories.set(insatsId, history);
      }
      applyToInsatsRegister(history, event);
      if (event.type === 'InsatsmålSatt') history.goals.push(event.data);
      return histories;
    },
    result: (histories) => histories,
  };
}

/**
 * The goals in force on `date`: of the goals decided on or before it, the one with the
 * latest `beslutsdatum` (of two decided the same day, the one recorded last); null if none.
 * A year's report is measured against the goals in force on its last day, so that a goal
 * decided later does not change it.
 */
export function goalInForceOn(history: InsatsHistory, date: string): InsatsmålSattData | null {
  let inForce: InsatsmålSattData | null = null;
  for (const goal of history.goals) {
    if (
      goal.beslutsdatum <= date &&
      (inForce === null || goal.beslutsdatum >= inForce.beslutsdatum)
    )
      inForce = goal;
  }
  return inForce;
}

/** A closed period of dates, both ends included, `YYYY-MM-DD`. */
export interface ParticipantPeriod {
  readonly periodFrån: string;
  readonly periodTill: string;
}

/**
 * Refuses a period that ends before it starts: the period is the caller's option, so a
 * reversed one is their mistake (`DATES_OUT_OF_ORDER` naming `periodTill`), not a broken
 * invariant.
 */
export function checkPeriodInOrder(period: ParticipantPeriod): void {
  if (period.periodFrån <= period.periodTill) return;
  const message = `the period starts ${period.periodFrån}, after it ends ${period.periodTill}`;
  throw ledgerError('DATES_OUT_OF_ORDER', `A participant period is refused: ${message}`, {
    issues: [{ path: 'periodTill', rule: 'period-in-order', message }],
    details: { periodFrån: period.periodFrån, periodTill: period.periodTill },
  });
}

/** The date the participation ended (concluded or transferred), if it has. */
export const participationEndedOn = (record: ParticipantRecord): string | undefined =>
  record.conclusion?.datum ?? record.transferredOn;

/** Enrolled within the period. */
export const enrolledIn = (record: ParticipantRecord, period: ParticipantPeriod): boolean =>
  record.enrolment.datum >= period.periodFrån && record.enrolment.datum <= period.periodTill;

/** Took part at some time in the period: enrolled by its end and not ended before its start. */
export const tookPartIn = (record: ParticipantRecord, period: ParticipantPeriod): boolean => {
  const ended = participationEndedOn(record);
  return (
    record.enrolment.datum <= period.periodTill &&
    (ended === undefined || ended >= period.periodFrån)
  );
};

/** Still taking part after the period's last day. */
export const activeAtEndOf = (record: ParticipantRecord, period: ParticipantPeriod): boolean => {
  const ended = participationEndedOn(record);
  return (
    record.enrolment.datum <= period.periodTill &&
    (ended === undefined || ended > period.periodTill)
  );
};

/** Concluded (with an avslutsorsak) within the period. */
export const concludedIn = (record: ParticipantRecord, period: ParticipantPeriod): boolean =>
  record.conclusion !== undefined &&
  record.conclusion.datum >= period.periodFrån &&
  record.conclusion.datum <= period.periodTill;

/** Transferred to a successor insats within the period. */
export const transferredIn = (record: ParticipantRecord, period: ParticipantPeriod): boolean =>
  record.transferredOn !== undefined &&
  record.transferredOn >= period.periodFrån &&
  record.transferredOn <= period.periodTill;

/** Anonymous participants whose start year falls within the period's years. */
export const anonymousIn = (
  registration: AnonymaDeltagareRegistreradeData,
  period: ParticipantPeriod,
): boolean =>
  registration.startår >= Number(period.periodFrån.slice(0, 4)) &&
  registration.startår <= Number(period.periodTill.slice(0, 4));
