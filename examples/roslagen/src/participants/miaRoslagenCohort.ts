import {
  type AnvisadFrån,
  type Avslutsorsak,
  type FörsörjningVidInskrivning,
  type TidIOffentligFörsörjning,
  type Åldersband,
} from '@finsam-ledger/core';
import { assert } from '@finsam-ledger/core/store';
import {
  addDays,
  deterministicShuffle,
  expandCounts,
  pseudonymFrom,
  spreadDates,
} from './deterministicIds.js';
import type { SyntheticParticipant } from './syntheticParticipant.js';

/** The insats id of the ESF project MIA Roslagen (2017–2020). */
export const miaRoslagenInsatsId = 'mia-roslagen';
/** The insats id of its extension MIA Vidare Roslagen (2020–2022). */
export const miaVidareInsatsId = 'mia-vidare-roslagen';
/** MIA Roslagen's implementation phase: 1 April 2017 to May 2020 (Bilaga 1). */
export const miaRoslagenPeriod = { periodFrån: '2017-04-01', periodTill: '2020-05-31' } as const;
/**
 * The day the 42 participants still in MIA Roslagen moved on to MIA Vidare (the project ended in
 * April 2020).
 */
export const miaRoslagenTransferDate = '2020-04-30';

type GenderGroup = 'kvinna' | 'man' | 'annat';

/**
 * The counts of Årsredovisning 2020, Bilaga 1, per gender. Kvinnor and Män are printed;
 * `annat` is Samtliga − Kvinnor − Män, row by row (2 participants in all: the 2020 text
 * calls them icke-binära). The age and conclusion tables print only percentages: the
 * counts here are the only ones whose shares round to every printed percentage (see
 * PARTICIPANTS.md for the arithmetic).
 */
export const miaRoslagenCounts = {
  participants: { kvinna: 111, man: 87, annat: 2 },
  anvisadFrån: {
    kvinna: {
      arbetsförmedlingen: 14,
      försäkringskassan: 50,
      kommunen: 33,
      regionen: 11,
      'egenanmälan/övrigt': 3,
    },
    man: {
      arbetsförmedlingen: 6,
      försäkringskassan: 21,
      kommunen: 40,
      regionen: 16,
      'egenanmälan/övrigt': 4,
    },
    annat: {
      arbetsförmedlingen: 0,
      försäkringskassan: 1,
      kommunen: 1,
      regionen: 0,
      'egenanmälan/övrigt': 0,
    },
  },
  försörjningVidInskrivning: {
    kvinna: {
      'aktivitetsstöd/utvecklingsersättning': 2,
      aktivitetsersättning: 13,
      'sjuk- och rehabiliteringspenning': 53,
      sjukersättning: 2,
      försörjningsstöd: 25,
      'ingen ersättning': 16,
    },
    man: {
      'aktivitetsstöd/utvecklingsersättning': 3,
      aktivitetsersättning: 12,
      'sjuk- och rehabiliteringspenning': 25,
      sjukersättning: 4,
      försörjningsstöd: 27,
      'ingen ersättning': 16,
    },
    annat: {
      'aktivitetsstöd/utvecklingsersättning': 0,
      aktivitetsersättning: 0,
      'sjuk- och rehabiliteringspenning': 1,
      sjukersättning: 0,
      försörjningsstöd: 1,
      'ingen ersättning': 0,
    },
  },
  tidIOffentligFörsörjning: {
    kvinna: {
      'upp till 1 år': 13,
      '1 till 3 år': 31,
      '3 till 6 år': 28,
      '6 till 9 år': 18,
      'mer än 9 år': 6,
      'ej angivet': 15,
    },
    man: {
      'upp till 1 år': 16,
      '1 till 3 år': 24,
      '3 till 6 år': 18,
      '6 till 9 år': 6,
      'mer än 9 år': 8,
      'ej angivet': 15,
    },
    annat: {
      'upp till 1 år': 1,
      '1 till 3 år': 0,
      '3 till 6 år': 1,
      '6 till 9 år': 0,
      'mer än 9 år': 0,
      'ej angivet': 0,
    },
  },
  åldersband: {
    kvinna: { '16-29': 30, '30-44': 42, '45-55': 31, '56-65': 8 },
    man: { '16-29': 28, '30-44': 32, '45-55': 16, '56-65': 11 },
    annat: { '16-29': 0, '30-44': 0, '45-55': 1, '56-65': 1 },
  },
  avslutsorsak: {
    kvinna: {
      arbete: 6,
      studier: 3,
      'ordinarie insats hos Arbetsförmedlingen': 24,
      'ordinarie insats hos kommunen': 14,
      'fortsatt rehabilitering': 5,
      sjukdom: 25,
      övrigt: 12,
    },
    man: {
      arbete: 19,
      studier: 4,
      'ordinarie insats hos Arbetsförmedlingen': 14,
      'ordinarie insats hos kommunen': 2,
      'fortsatt rehabilitering': 2,
      sjukdom: 14,
      övrigt: 13,
    },
    // The one conclusion of another gender is "övrigt": had it been "arbete", 33 of 158
    // would be 21 % to work or studies, not the 20 % the report prints.
    annat: {
      arbete: 0,
      studier: 0,
      'ordinarie insats hos Arbetsförmedlingen': 0,
      'ordinarie insats hos kommunen': 0,
      'fortsatt rehabilitering': 0,
      sjukdom: 0,
      övrigt: 1,
    },
  },
  /**
   * How each participant's time in MIA Roslagen ended: concluded before 2020, concluded in
   * 2020 (January–April), or transferred to MIA Vidare at the project's end. 158 concluded
   * (Avslutsorsaker), 42 transferred (200 − 158); 82 took part in 2020 (the 2020 text).
   */
  ending: {
    kvinna: { before2020: 67, in2020: 22, transferred: 22 },
    man: { before2020: 51, in2020: 17, transferred: 19 },
    annat: { before2020: 0, in2020: 1, transferred: 1 },
  },
  /**
   * Home municipalities: the effect study prints 86, 76, 23, 9, 5, 4 for 203 participants;
   * scaled to 200 by largest remainder. The four municipalities that joined in autumn 2019
   * only have participants enrolled from September 2019.
   */
  hemkommun: { Österåker: 85, Täby: 75 },
  hemkommunFromAutumn2019: { Norrtälje: 22, Vallentuna: 9, Danderyd: 5, Vaxholm: 4 },
} as const;

const genders: readonly GenderGroup[] = ['kvinna', 'man', 'annat'];

interface Draft {
  readonly name: string;
  readonly kön: GenderGroup;
  readonly anvisadFrån: AnvisadFrån;
  readonly försörjningVidInskrivning: FörsörjningVidInskrivning;
  readonly tidIOffentligFörsörjning: TidIOffentligFörsörjning;
  readonly åldersband: Åldersband;
  readonly group: 'before2020' | 'in2020' | 'transferred';
  avslutsorsak?: Avslutsorsak;
}

/** The participants of one gender: each attribute's printed counts dealt out in hash order. */
function genderDraftsOf(kön: GenderGroup): Draft[] {
  const size = miaRoslagenCounts.participants[kön];
  const deal = <Category extends string>(
    attribute: string,
    counts: Readonly<Record<Category, number>>,
  ): Category[] => {
    const list = deterministicShuffle(expandCounts(counts), `mia-roslagen:${attribute}:${kön}`);
    assert(list.length === size, 'each attribute is dealt to every participant of the gender', {
      attribute,
      kön,
    });
    return list;
  };
  const anvisad = deal('anvisadFrån', miaRoslagenCounts.anvisadFrån[kön]);
  const försörjning = deal('försörjning', miaRoslagenCounts.försörjningVidInskrivning[kön]);
  const tid = deal('tid', miaRoslagenCounts.tidIOffentligFörsörjning[kön]);
  const ålder = deal('ålder', miaRoslagenCounts.åldersband[kön]);
  const group = deal('ending', miaRoslagenCounts.ending[kön]);
  const genderDrafts: Draft[] = Array.from({ length: size }, (_, index) => ({
    name: `mia-roslagen:${kön}:${index}`,
    kön,
    anvisadFrån: anvisad[index]!,
    försörjningVidInskrivning: försörjning[index]!,
    tidIOffentligFörsörjning: tid[index]!,
    åldersband: ålder[index]!,
    group: group[index]!,
  }));
  const concluded = genderDrafts.filter((draft) => draft.group !== 'transferred');
  const reasons = deterministicShuffle(
    expandCounts(miaRoslagenCounts.avslutsorsak[kön]),
    `mia-roslagen:avslutsorsak:${kön}`,
  );
  assert(reasons.length === concluded.length, 'each concluded participant gets one reason', {
    kön,
  });
  concluded.forEach((draft, index) => (draft.avslutsorsak = reasons[index]!));
  return genderDrafts;
}

/** Each participant's enrolment and end, by name. */
type Dates = Map<string, { enrolledOn: string; endedOn: string }>;

/** Dates, group by group, in a hash order that mixes the genders. */
function datesOf(drafts: readonly Draft[]): Dates {
  const dated: Dates = new Map();
  const layOut = (
    group: Draft['group'],
    enrolFirst: string,
    enrolLast: string,
    end: (enrolledOn: string, index: number, count: number) => string,
  ) => {
    const members = deterministicShuffle(
      drafts.filter((draft) => draft.group === group),
      `mia-roslagen:dates:${group}`,
      (draft) => draft.name,
    );
    const enrolments = spreadDates(members.length, enrolFirst, enrolLast);
    members.forEach((draft, index) =>
      dated.set(draft.name, {
        enrolledOn: enrolments[index]!,
        endedOn: end(enrolments[index]!, index, members.length),
      }),
    );
  };
  // Concluded before 2020 after five to six months (the report's average time), so by December
  // 2019.
  layOut('before2020', '2017-04-03', '2019-06-14', (enrolledOn, index) =>
    addDays(enrolledOn, 150 + (index % 41)),
  );
  // Concluded January–April 2020.
  const endings2020 = spreadDates(
    miaRoslagenCounts.ending.kvinna.in2020 +
      miaRoslagenCounts.ending.man.in2020 +
      miaRoslagenCounts.ending.annat.in2020,
    '2020-01-08',
    '2020-04-24',
  );
  layOut('in2020', '2019-08-01', '2019-11-29', (_, index) => endings2020[index]!);
  // Still in the project when it ended: transferred to MIA Vidare.
  layOut('transferred', '2019-09-02', '2020-03-27', () => miaRoslagenTransferDate);
  return dated;
}

/**
 * Home municipalities: the four that joined in autumn 2019 go to participants enrolled from
 * September 2019.
 */
function hemkommunerOf(drafts: readonly Draft[], dated: Dates): Map<string, string> {
  const fromAutumn = deterministicShuffle(
    drafts.filter((draft) => dated.get(draft.name)!.enrolledOn >= '2019-09-01'),
    'mia-roslagen:hemkommun:autumn',
    (draft) => draft.name,
  );
  const newMunicipalities = expandCounts(miaRoslagenCounts.hemkommunFromAutumn2019);
  assert(
    fromAutumn.length >= newMunicipalities.length,
    'enough participants enrolled from autumn 2019 for the new municipalities',
  );
  const hemkommunByName = new Map<string, string>(
    fromAutumn
      .slice(0, newMunicipalities.length)
      .map((draft, index) => [draft.name, newMunicipalities[index]!]),
  );
  const rest = deterministicShuffle(
    drafts.filter((draft) => !hemkommunByName.has(draft.name)),
    'mia-roslagen:hemkommun:rest',
    (draft) => draft.name,
  );
  const oldMunicipalities = expandCounts(miaRoslagenCounts.hemkommun);
  assert(rest.length === oldMunicipalities.length, 'every participant gets one home municipality');
  rest.forEach((draft, index) => hemkommunByName.set(draft.name, oldMunicipalities[index]!));
  return hemkommunByName;
}

/**
 * The 200 synthetic participants of MIA Roslagen, built deterministically so that every
 * count and every printed percentage of Bilaga 1 holds: for each gender, each attribute's
 * printed counts are dealt out in a fixed hash order (so attributes are spread without
 * correlations the report does not print), then dates are laid out so that 82 took part
 * in 2020 and the four new municipalities only appear from autumn 2019.
 */
export function miaRoslagenParticipants(): SyntheticParticipant[] {
  const drafts = genders.flatMap(genderDraftsOf);
  const dated = datesOf(drafts);
  const hemkommunByName = hemkommunerOf(drafts, dated);
  const participants = drafts.map((draft): SyntheticParticipant => {
    const { enrolledOn, endedOn } = dated.get(draft.name)!;
    assert(endedOn >= enrolledOn, 'a participant ends on or after the enrolment', {
      name: draft.name,
    });
    return {
      deltagareId: pseudonymFrom(draft.name),
      insatsId: miaRoslagenInsatsId,
      kön: draft.kön,
      åldersband: draft.åldersband,
      anvisadFrån: draft.anvisadFrån,
      försörjningVidInskrivning: draft.försörjningVidInskrivning,
      tidIOffentligFörsörjning: draft.tidIOffentligFörsörjning,
      hemkommun: hemkommunByName.get(draft.name)!,
      enrolledOn,
      ending:
        draft.group === 'transferred'
          ? { kind: 'överförd', on: endedOn, tillInsatsId: miaVidareInsatsId }
          : { kind: 'avslutad', on: endedOn, avslutsorsak: draft.avslutsorsak! },
    };
  });
  assert(
    new Set(participants.map((participant) => participant.deltagareId)).size ===
      participants.length,
    'pseudonyms are unique',
  );
  return participants.sort((left, right) =>
    left.enrolledOn < right.enrolledOn
      ? -1
      : left.enrolledOn > right.enrolledOn
        ? 1
        : left.deltagareId < right.deltagareId
          ? -1
          : 1,
  );
}
