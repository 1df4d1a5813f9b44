import { assert } from '../../error.js';
import type { DomainEvent } from '../../ledger/EventCatalog.js';
import type { Projection } from '../../projections/Projection.js';
import { ageBandOf } from '../ageBandOf.js';
import {
  anvisadFrån,
  anvisadFrånLabels,
  avslutsorsak,
  avslutsorsakLabels,
  försörjningVidInskrivning,
  försörjningVidInskrivningLabels,
  tidIOffentligFörsörjning,
  tidIOffentligFörsörjningLabels,
  åldersband,
  åldersbandLabels,
  type Kön,
  type ÅldersbandEllerOkänt,
} from '../participantVocabulary.js';
import { shareOf, type Share } from '../Share.js';
import {
  activeAtEndOf,
  anonymousIn,
  concludedIn,
  enrolledIn,
  participantRegister,
  tookPartIn,
  transferredIn,
  type ParticipantRecord,
  type InsatsRegister,
  checkPeriodInOrder,
  type ParticipantPeriod,
} from './participantRegister.js';

/**
 * The gender columns of the tables: the report's Kvinnor, Män, Samtliga, and the rest of Samtliga.
 */
export const genderColumns = ['kvinna', 'man', 'annatEllerOkänt', 'samtliga'] as const;
/** One gender column. */
export type GenderColumn = (typeof genderColumns)[number];
/** One value per gender column. */
export type ByGender<Value> = Readonly<Record<GenderColumn, Value>>;
/** The labels of the gender columns. */
export const genderColumnLabels: ByGender<string> = {
  kvinna: 'Kvinnor',
  man: 'Män',
  annatEllerOkänt: 'Annat/okänt',
  samtliga: 'Samtliga',
};

/** One row of a table: a category's count and share in each gender column. */
export interface TableRow<Category extends string = string> {
  readonly category: Category;
  readonly label: string;
  readonly count: ByGender<number>;
  /** The row's count as a share of the column's total. */
  readonly share: ByGender<Share>;
}

/** One table of Bilaga 1: rows of categories, and the column totals. */
export interface ParticipantTable<Category extends string = string> {
  readonly title: string;
  readonly rows: readonly TableRow<Category>[];
  readonly total: ByGender<number>;
}

/** Options of {@link bilaga1Tables}. */
export interface Bilaga1TablesOptions extends ParticipantPeriod {
  readonly insatsId: string;
}

/**
 * The participant statistics of one insats and period: the Bilaga 1 tables and the flow of
 * participants.
 */
export interface Bilaga1Tables extends Bilaga1TablesOptions {
  /** Participants enrolled in the period: the population of the four enrolment tables. */
  readonly enrolled: ByGender<number>;
  /**
   * Participants who took part at some time in the period (enrolled by its end, not ended before
   * its start).
   */
  readonly tookPart: ByGender<number>;
  /** Participants still taking part after the period's last day. */
  readonly activeAtEnd: ByGender<number>;
  /** Participants concluded in the period: the population of the Avslutsorsaker table. */
  readonly concluded: ByGender<number>;
  /**
   * Participants transferred to a successor insats in the period (ended without an avslutsorsak).
   */
  readonly transferred: ByGender<number>;
  /**
   * Anonymous participants whose start year falls in the period (only gender and start year known).
   */
  readonly anonymous: ByGender<number>;
  readonly anvisadFrån: ParticipantTable;
  readonly försörjningVidInskrivning: ParticipantTable;
  readonly tidIOffentligFörsörjning: ParticipantTable;
  readonly åldersband: ParticipantTable;
  readonly avslutsorsaker: ParticipantTable;
}

const columnOf = (kön: Kön): GenderColumn =>
  kön === 'kvinna' ? 'kvinna' : kön === 'man' ? 'man' : 'annatEllerOkänt';

function countByGender<Item>(
  items: Iterable<Item>,
  genderOf: (item: Item) => Kön,
  weightOf: (item: Item) => number = () => 1,
): ByGender<number> {
  const counts = { kvinna: 0, man: 0, annatEllerOkänt: 0, samtliga: 0 };
  for (const item of items) {
    const weight = weightOf(item);
    counts[columnOf(genderOf(item))] += weight;
    counts.samtliga += weight;
  }
  return counts;
}

/**
 * Builds one table: each record falls in exactly one row (its category), so the rows of
 * every column add up to the column total; the assertion checks it.
 */
export function tabulateParticipants<Category extends string>(
  title: string,
  categories: readonly Category[],
  labels: Readonly<Record<Category, string>>,
  records: readonly ParticipantRecord[],
  categoryOf: (record: ParticipantRecord) => Category,
): ParticipantTable<Category> {
  const total = countByGender(records, (record) => record.enrolment.kön);
  const rows = categories.map((category) => {
    const count = countByGender(
      records.filter((record) => categoryOf(record) === category),
      (record) => record.enrolment.kön,
    );
    const share = Object.fromEntries(
      genderColumns.map((column) => [column, shareOf(count[column], total[column])]),
    ) as unknown as ByGender<Share>;
    return { category, label: labels[category], count, share };
  });
  for (const column of genderColumns) {
    const sum = rows.reduce((accumulated, row) => accumulated + row.count[column], 0);
    assert(sum === total[column], 'the rows of a table add up to its total', {
      title,
      column,
      sum,
      total: total[column],
    });
  }
  assert(
    total.kvinna + total.man + total.annatEllerOkänt === total.samtliga,
    'Samtliga is every gender',
    { title },
  );
  return { title, rows, total };
}

/** Computes the Bilaga 1 tables from a folded register. */
export function bilaga1TablesFromRegister(
  register: InsatsRegister,
  period: ParticipantPeriod,
): Bilaga1Tables {
  checkPeriodInOrder(period);
  const all = [...register.participants.values()];
  const enrolled = all.filter((record) => enrolledIn(record, period));
  const concluded = all.filter((record) => concludedIn(record, period));
  return {
    insatsId: register.insatsId,
    periodFrån: period.periodFrån,
    periodTill: period.periodTill,
    ...participantCounts(register, period, { all, enrolled, concluded }),
    ...enrolmentTables(enrolled),
    avslutsorsaker: tabulateParticipants(
      'Avslutsorsaker',
      avslutsorsak,
      avslutsorsakLabels,
      concluded,
      (record) => {
        assert(record.conclusion !== undefined, 'a concluded record has a conclusion');
        return record.conclusion.avslutsorsak;
      },
    ),
  };
}

const byKön = (record: ParticipantRecord) => record.enrolment.kön;

/** How many took part in the period, in each way, by gender (the head of Bilaga 1). */
function participantCounts(
  register: InsatsRegister,
  period: ParticipantPeriod,
  records: {
    readonly all: readonly ParticipantRecord[];
    readonly enrolled: readonly ParticipantRecord[];
    readonly concluded: readonly ParticipantRecord[];
  },
): Pick<
  Bilaga1Tables,
  'enrolled' | 'tookPart' | 'activeAtEnd' | 'concluded' | 'transferred' | 'anonymous'
> {
  const { all, enrolled, concluded } = records;
  return {
    enrolled: countByGender(enrolled, byKön),
    tookPart: countByGender(
      all.filter((record) => tookPartIn(record, period)),
      byKön,
    ),
    activeAtEnd: countByGender(
      all.filter((record) => activeAtEndOf(record, period)),
      byKön,
    ),
    concluded: countByGender(concluded, byKön),
    transferred: countByGender(
      all.filter((record) => transferredIn(record, period)),
      byKön,
    ),
    anonymous: countByGender(
      register.anonymous.filter((registration) => anonymousIn(registration, period)),
      (registration) => registration.kön,
      (registration) => registration.antal,
    ),
  };
}

/** The tables over the participants enrolled in the period: who they are and where from. */
function enrolmentTables(
  enrolled: readonly ParticipantRecord[],
): Pick<
  Bilaga1Tables,
  'anvisadFrån' | 'försörjningVidInskrivning' | 'tidIOffentligFörsörjning' | 'åldersband'
> {
  const hasUnknownAge = enrolled.some((record) => ageBandOf(record.enrolment) === 'okänt');
  const ageCategories: readonly ÅldersbandEllerOkänt[] = hasUnknownAge
    ? [...åldersband, 'okänt']
    : åldersband;
  return {
    anvisadFrån: tabulateParticipants(
      'Deltagare anvisade från',
      anvisadFrån,
      anvisadFrånLabels,
      enrolled,
      (record) => record.enrolment.anvisadFrån,
    ),
    försörjningVidInskrivning: tabulateParticipants(
      'Primär försörjning vid inskrivning',
      försörjningVidInskrivning,
      försörjningVidInskrivningLabels,
      enrolled,
      (record) => record.enrolment.försörjningVidInskrivning,
    ),
    tidIOffentligFörsörjning: tabulateParticipants(
      'Tid i offentlig försörjning',
      tidIOffentligFörsörjning,
      tidIOffentligFörsörjningLabels,
      enrolled,
      (record) => record.enrolment.tidIOffentligFörsörjning,
    ),
    åldersband: tabulateParticipants(
      'Ålder vid inskrivning',
      ageCategories,
      åldersbandLabels,
      enrolled,
      (record) => ageBandOf(record.enrolment),
    ),
  };
}

/**
 * The projection of the 2020 report's Bilaga 1 for one insats and period: referred from ×
 * gender, primary support at enrolment × gender, time on public support × gender and age
 * band × gender (over the participants enrolled in the period), reasons for concluding ×
 * gender (over the participants concluded in the period), each with exact counts and
 * shares, and the participants enrolled in, taking part in, active at the end of,
 * concluded in and transferred in the period.
 *
 * @example
 * const tables = await runProjection(events, bilaga1Tables({ insatsId: 'mia-roslagen', periodFrån:
 * '2017-04-01', periodTill: '2020-05-31' }));
 * tables.anvisadFrån.rows[1].share.kvinna.percentRounded; // 45
 */
export function bilaga1Tables(
  options: Bilaga1TablesOptions,
): Projection<DomainEvent, InsatsRegister, Bilaga1Tables> {
  const register = participantRegister(options.insatsId);
  return {
    ...register,
    name: `bilaga1Tables(${options.insatsId})`,
    result: (state) => bilaga1TablesFromRegister(state, options),
  };
}
