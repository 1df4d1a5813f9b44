import {
  anvisadFrån,
  tidIOffentligFörsörjning,
  åldersband,
  type Avslutsorsak,
  type FörsörjningVidInskrivning,
  type Kön,
} from '@finsam-ledger/core';
import { assert } from '@finsam-ledger/core/store';
import {
  addDays,
  deterministicShuffle,
  expandCounts,
  pseudonymFrom,
  spreadDates,
} from './deterministicIds.js';
import { miaRoslagenTransferDate, miaVidareInsatsId } from './miaRoslagenCohort.js';
import type { SyntheticParticipant } from './syntheticParticipant.js';

/**
 * MIA Vidare Roslagen: June 2020 to October 2022 (ESF), then run by the förbund to 31 December
 * 2022.
 */
export const miaVidarePeriod = { periodFrån: '2020-06-01', periodTill: '2022-12-31' } as const;

/**
 * The figures the MIA Vidare cohort is built to reproduce, and the choices made where the
 * reports' own figures cannot all hold (see PARTICIPANTS.md):
 *
 * - 304 offered over the whole project, 159 in 2022 (2022 report);
 * - 13 % (39 of 304) to work or studies, 10 % (16 of 159) in 2022;
 * - 35 % (106 of 304) stegförflyttning, 39 % (62 of 159) in 2022;
 * - 108 enrolled by 31 December 2020, 96 of them active then, 39 % försörjningsstöd and
 *   31 % sjukpenning at enrolment (2020 report);
 * - 76 enrolled in 2022 (2022 report), so 120 in 2021 (the report's 125 cannot hold with
 *   108 + 125 + 76 = 309 ≠ 304), and 83 active at the end of 2021 (159 − 76).
 */
export const miaVidareFigures = {
  enrolledPerYear: { 2020: 108, 2021: 120, 2022: 76 },
  transferredFromMiaRoslagen: 42,
  concludedPerYear: { 2020: 12, 2021: 133, 2022: 159 },
  försörjningVidInskrivning2020: { försörjningsstöd: 42, 'sjuk- och rehabiliteringspenning': 33 },
  avslutsorsak2020And2021: {
    arbete: 16,
    studier: 7,
    'ordinarie insats hos Arbetsförmedlingen': 26,
    'ordinarie insats hos kommunen': 18,
    'fortsatt rehabilitering': 24,
    sjukdom: 27,
    övrigt: 27,
  },
  avslutsorsak2022: {
    arbete: 11,
    studier: 5,
    'ordinarie insats hos Arbetsförmedlingen': 35,
    'ordinarie insats hos kommunen': 27,
    'fortsatt rehabilitering': 25,
    sjukdom: 28,
    övrigt: 28,
  },
} as const;

// Filler for what no report prints about MIA Vidare (gender, age, referral, time on
// support, home municipality): dealt from fixed cycles. No figure of the reports depends on it.
const fillerFörsörjning: readonly FörsörjningVidInskrivning[] = [
  'försörjningsstöd',
  'sjuk- och rehabiliteringspenning',
  'ingen ersättning',
  'aktivitetsersättning',
  'försörjningsstöd',
  'aktivitetsstöd/utvecklingsersättning',
  'sjukersättning',
];
const fillerKön: readonly Kön[] = ['kvinna', 'man', 'kvinna', 'man', 'kvinna'];
const fillerKommun: readonly string[] = [
  'Österåker',
  'Täby',
  'Norrtälje',
  'Österåker',
  'Täby',
  'Vallentuna',
  'Danderyd',
  'Vaxholm',
];

/** One enrolment in MIA Vidare: who, the gender, the day. */
interface Enrolment {
  readonly deltagareId: string;
  readonly kön: Kön;
  readonly enrolledOn: string;
}

/** The enrolments of each year: in 2020 the transferred first, then the new. */
interface Enrolments {
  readonly enrolments2020: readonly Enrolment[];
  readonly enrolments2021: readonly Enrolment[];
  readonly enrolments2022: readonly Enrolment[];
}

function enrolmentsOf(transferred: readonly SyntheticParticipant[]): Enrolments {
  const figures = miaVidareFigures;
  const new2020 = figures.enrolledPerYear[2020] - transferred.length;
  const enrolments2020 = [
    ...transferred.map((participant) => ({
      deltagareId: participant.deltagareId,
      kön: participant.kön as Kön,
      enrolledOn: miaVidarePeriod.periodFrån,
    })),
    ...spreadDates(new2020, '2020-06-02', '2020-12-15').map((enrolledOn, index) => ({
      deltagareId: pseudonymFrom(`mia-vidare:2020:${index}`),
      kön: fillerKön[index % fillerKön.length]!,
      enrolledOn,
    })),
  ];
  const enrolments2021 = spreadDates(figures.enrolledPerYear[2021], '2021-01-11', '2021-12-10').map(
    (enrolledOn, index) => ({
      deltagareId: pseudonymFrom(`mia-vidare:2021:${index}`),
      kön: fillerKön[(index + 1) % fillerKön.length]!,
      enrolledOn,
    }),
  );
  const enrolments2022 = spreadDates(figures.enrolledPerYear[2022], '2022-01-10', '2022-09-15').map(
    (enrolledOn, index) => ({
      deltagareId: pseudonymFrom(`mia-vidare:2022:${index}`),
      kön: fillerKön[(index + 2) % fillerKön.length]!,
      enrolledOn,
    }),
  );
  return { enrolments2020, enrolments2021, enrolments2022 };
}

/**
 * Who ends when. 12 of the earliest 2020 enrolments conclude in 2020; the other 96 and the 37
 * earliest of 2021 conclude in 2021; the 83 latest of 2021 and all of 2022 conclude in 2022.
 */
function endDatesOf({ enrolments2020, enrolments2021, enrolments2022 }: Enrolments) {
  const figures = miaVidareFigures;
  const endedOn = new Map<string, string>();
  const early2020 = enrolments2020.filter((enrolment) => enrolment.enrolledOn <= '2020-08-31');
  const concluded2020 = deterministicShuffle(
    early2020,
    'mia-vidare:concluded-2020',
    (enrolment) => enrolment.deltagareId,
  ).slice(0, figures.concludedPerYear[2020]);
  spreadDates(concluded2020.length, '2020-11-02', '2020-12-18').forEach((date, index) =>
    endedOn.set(concluded2020[index]!.deltagareId, date),
  );
  const rest2020 = enrolments2020.filter((enrolment) => !endedOn.has(enrolment.deltagareId));
  spreadDates(rest2020.length, '2021-01-15', '2021-10-29').forEach((date, index) =>
    endedOn.set(rest2020[index]!.deltagareId, date),
  );
  const concludedFrom2021 = figures.concludedPerYear[2021] - rest2020.length;
  enrolments2021
    .slice(0, concludedFrom2021)
    .forEach((enrolment) => endedOn.set(enrolment.deltagareId, addDays(enrolment.enrolledOn, 180)));
  const carriedInto2022 = enrolments2021.slice(concludedFrom2021);
  spreadDates(carriedInto2022.length, '2022-01-20', '2022-09-30').forEach((date, index) =>
    endedOn.set(carriedInto2022[index]!.deltagareId, date),
  );
  spreadDates(enrolments2022.length, '2022-05-02', '2022-12-30').forEach((date, index) =>
    endedOn.set(enrolments2022[index]!.deltagareId, date),
  );
  return endedOn;
}

/** Each participant's reason to conclude: the printed counts of 2020–2021 and of 2022. */
function reasonsOf(all: readonly Enrolment[], endedOn: ReadonlyMap<string, string>) {
  const figures = miaVidareFigures;
  const concludedBefore2022 = all.filter(
    (enrolment) => endedOn.get(enrolment.deltagareId)! < '2022-01-01',
  );
  const concludedIn2022 = all.filter(
    (enrolment) => endedOn.get(enrolment.deltagareId)! >= '2022-01-01',
  );
  assert(
    concludedBefore2022.length === figures.concludedPerYear[2020] + figures.concludedPerYear[2021],
    'conclusions before 2022 as planned',
  );
  assert(
    concludedIn2022.length === figures.concludedPerYear[2022],
    'conclusions in 2022 as planned',
  );
  const reasonById = new Map<string, Avslutsorsak>();
  const dealReasons = (
    group: readonly Enrolment[],
    counts: Readonly<Record<Avslutsorsak, number>>,
    salt: string,
  ) => {
    const reasons = deterministicShuffle(expandCounts(counts), salt);
    assert(reasons.length === group.length, 'one reason per concluded participant', { salt });
    group.forEach((enrolment, index) => reasonById.set(enrolment.deltagareId, reasons[index]!));
  };
  dealReasons(concludedBefore2022, figures.avslutsorsak2020And2021, 'mia-vidare:reasons:2020-2021');
  dealReasons(concludedIn2022, figures.avslutsorsak2022, 'mia-vidare:reasons:2022');
  return reasonById;
}

/** Support at enrolment in 2020: the figures printed, filler for the rest of 2020. */
function försörjning2020Of(enrolmentCount2020: number): FörsörjningVidInskrivning[] {
  const printed2020 = expandCounts(miaVidareFigures.försörjningVidInskrivning2020);
  const others2020 = Array.from(
    { length: enrolmentCount2020 - printed2020.length },
    (_, index) =>
      (
        [
          'ingen ersättning',
          'aktivitetsersättning',
          'aktivitetsstöd/utvecklingsersättning',
          'sjukersättning',
        ] as const
      )[index % 4]!,
  );
  return deterministicShuffle([...printed2020, ...others2020], 'mia-vidare:försörjning:2020');
}

/**
 * The 304 synthetic participants of MIA Vidare Roslagen. The 42 who were still in MIA
 * Roslagen when it ended keep their pseudonym and are enrolled on 1 June 2020 with the
 * gender they had; the others are new.
 */
export function miaVidareParticipants(
  fromMiaRoslagen: readonly SyntheticParticipant[],
): SyntheticParticipant[] {
  const transferred = fromMiaRoslagen.filter(
    (participant) => participant.ending?.kind === 'överförd',
  );
  assert(
    transferred.length === miaVidareFigures.transferredFromMiaRoslagen,
    '42 participants move on from MIA Roslagen',
    { count: transferred.length },
  );
  assert(
    transferred.every((participant) => participant.ending!.on <= miaRoslagenTransferDate),
    'transfers precede MIA Vidare',
  );
  const enrolments = enrolmentsOf(transferred);
  const { enrolments2020, enrolments2021, enrolments2022 } = enrolments;
  const endedOn = endDatesOf(enrolments);
  const all = [...enrolments2020, ...enrolments2021, ...enrolments2022];
  const reasonById = reasonsOf(all, endedOn);
  // Support at enrolment: the 2020 figures printed, filler for the rest of 2020 and later years.
  const försörjning2020 = försörjning2020Of(enrolments2020.length);

  return all.map((enrolment, index): SyntheticParticipant => {
    const ended = endedOn.get(enrolment.deltagareId)!;
    assert(ended >= enrolment.enrolledOn, 'a participant ends on or after the enrolment', {
      deltagareId: enrolment.deltagareId,
    });
    return {
      deltagareId: enrolment.deltagareId,
      insatsId: miaVidareInsatsId,
      kön: enrolment.kön,
      åldersband: åldersband[index % åldersband.length]!,
      anvisadFrån: anvisadFrån[(index * 3) % anvisadFrån.length]!,
      försörjningVidInskrivning:
        index < enrolments2020.length
          ? försörjning2020[index]!
          : fillerFörsörjning[index % fillerFörsörjning.length]!,
      tidIOffentligFörsörjning:
        tidIOffentligFörsörjning[(index * 5) % tidIOffentligFörsörjning.length]!,
      hemkommun: fillerKommun[index % fillerKommun.length]!,
      enrolledOn: enrolment.enrolledOn,
      ending: { kind: 'avslutad', on: ended, avslutsorsak: reasonById.get(enrolment.deltagareId)! },
    };
  });
}
