import { formatSharePercent } from '../Share.js';
import {
  genderColumnLabels,
  type Bilaga1Tables,
  type ByGender,
  type ParticipantTable,
} from '../projections/bilaga1Tables.js';
import type { GoalFulfilment } from '../projections/goalFulfilment.js';
import type {
  InsatsParticipantTables,
  ParticipantTables,
  PeriodParticipantTables,
} from '../projections/participantTables.js';

/** Options of the participant table renderers. */
export interface ParticipantTablesRenderOptions {
  /**
   * The printed name of each insats by insats id (`mia-roslagen` → `MIA Roslagen`); the id where
   * missing.
   */
  readonly insatsNames?: Readonly<Record<string, string>>;
  /** The heading of the whole; `Deltagarstatistik <år>` by default. */
  readonly title?: string;
}

/** The rounding rule, as the rendered report states it. */
export const participantRoundingRule =
  'Andelar räknas ur exakta antal och avrundas till hela procent, halvt bort från noll (27 av 200 = 13,5 % skrivs 14 %). Avrundade andelar summerar därför inte alltid till 100 %. Mål jämförs med exakta antal, aldrig med avrundade andelar.';

/** A grid of cells: the first row is the header. */
export type Grid = readonly (readonly string[])[];

/** One printed section: an insats over one period. */
export interface RenderedSection {
  readonly insatsId: string;
  readonly insatsName: string;
  /** `2020` or `sedan start`. */
  readonly periodName: string;
  readonly period: PeriodParticipantTables;
  /**
   * The Bilaga 1 tables with a population in the period (no table of zeros is printed as a
   * finding).
   */
  readonly tables: readonly ParticipantTable[];
}

/** The columns the tables print: the report's Kvinnor, Män and Samtliga. */
export const printedColumns = ['kvinna', 'man', 'samtliga'] as const;

/** The heading of the whole. */
export const titleOf = (tables: ParticipantTables, options: ParticipantTablesRenderOptions) =>
  options.title ?? `Deltagarstatistik ${tables.år}`;

/** What the renderers print when no insats had participants in the year. */
export const noParticipantsLine = (år: number) => `Inga deltagare i någon insats under ${år}.`;

const tablesWithPopulation = (statistics: Bilaga1Tables): ParticipantTable[] => [
  ...(statistics.enrolled.samtliga > 0
    ? [
        statistics.anvisadFrån,
        statistics.försörjningVidInskrivning,
        statistics.tidIOffentligFörsörjning,
        statistics.åldersband,
      ]
    : []),
  ...(statistics.concluded.samtliga > 0 ? [statistics.avslutsorsaker] : []),
];

/**
 * The sections in print order: for each insats, its year, then (if it started before the
 * year) the time since its first day.
 */
export function sectionsOf(
  tables: ParticipantTables,
  options: ParticipantTablesRenderOptions,
): RenderedSection[] {
  return tables.insatser.flatMap((insats: InsatsParticipantTables) => {
    const insatsName = options.insatsNames?.[insats.insatsId] ?? insats.insatsId;
    const section = (periodName: string, period: PeriodParticipantTables): RenderedSection => ({
      insatsId: insats.insatsId,
      insatsName,
      periodName,
      period,
      tables: tablesWithPopulation(period.tables),
    });
    const startedBefore = insats.sinceStart.tables.periodFrån < insats.year.tables.periodFrån;
    return [
      section(String(tables.år), insats.year),
      ...(startedBefore ? [section('sedan start', insats.sinceStart)] : []),
    ];
  });
}

/** The heading of a section: `MIA Roslagen, sedan start (2017-04-01 – 2020-12-31)`. */
export const sectionHeading = (section: RenderedSection): string =>
  `${section.insatsName}, ${section.periodName} (${section.period.tables.periodFrån} – ${section.period.tables.periodTill})`;

/** The flow of participants in the period, by gender. */
export function flowGrid(statistics: Bilaga1Tables): Grid {
  const line = (label: string, counts: ByGender<number>) => [
    label,
    '',
    ...printedColumns.map((column) => String(counts[column])),
  ];
  const rows = [
    ['Deltagare', '', ...printedColumns.map((column) => genderColumnLabels[column])],
    line('Inskrivna under perioden', statistics.enrolled),
    line('Deltog under perioden', statistics.tookPart),
    line('Aktiva vid periodens slut', statistics.activeAtEnd),
    line('Avslutade under perioden', statistics.concluded),
    line('Överförda till annan insats', statistics.transferred),
  ];
  if (statistics.anonymous.samtliga > 0)
    rows.push(line('Anonyma deltagare (startår i perioden)', statistics.anonymous));
  return rows;
}

/** The note under the flow when Samtliga holds participants of another or unknown gender. */
export const flowNote = (statistics: Bilaga1Tables): string | undefined =>
  statistics.tookPart.annatEllerOkänt > 0
    ? `Samtliga omfattar ${statistics.tookPart.annatEllerOkänt} deltagare av annat eller okänt kön.`
    : undefined;

/**
 * The note under the tables when Samtliga holds enrolled participants of another or unknown gender.
 */
export const tablesNote = (section: RenderedSection): string | undefined => {
  const others = section.period.tables.enrolled.annatEllerOkänt;
  return section.tables.length > 0 && others > 0
    ? `Samtliga omfattar ${others} inskrivna deltagare av annat eller okänt kön.`
    : undefined;
};

/** One Bilaga 1 table as the report prints it: a count and a share row per category. */
export function tableGrid(table: ParticipantTable, insatsName: string): Grid {
  const rows: string[][] = [
    [
      `${table.title} - ${insatsName}`,
      '',
      ...printedColumns.map((column) => genderColumnLabels[column]),
    ],
  ];
  for (const row of table.rows) {
    rows.push([row.label, 'Antal', ...printedColumns.map((column) => String(row.count[column]))]);
    rows.push([
      '',
      'Andel',
      ...printedColumns.map((column) => formatSharePercent(row.share[column])),
    ]);
  }
  rows.push(['Totalt', 'Antal', ...printedColumns.map((column) => String(table.total[column]))]);
  return rows;
}

const verdict = (met: boolean | null | undefined): string =>
  met === undefined || met === null ? '' : met ? 'uppnått' : 'ej uppnått';

/** Goal fulfilment: outcome, goal and verdict for the number offered and the two shares. */
export function goalGrid(goals: GoalFulfilment): Grid {
  const base = goals.andelAv === 'avslutade' ? 'av avslutade' : 'av deltagarna';
  const goal = goals.goal;
  return [
    ['Måluppfyllelse', 'Utfall', 'Mål', ''],
    [
      'Erbjudna insatser',
      goals.offeredPercentOfGoal === null
        ? String(goals.offered)
        : `${goals.offered} (${goals.offeredPercentOfGoal}% av målet)`,
      goal === null ? '–' : String(goal.erbjudnaMål),
      verdict(goals.met?.offered),
    ],
    [
      `Arbete eller studier (${base})`,
      `${formatSharePercent(goals.arbeteEllerStudier)} (${goals.arbeteEllerStudier.count} av ${goals.arbeteEllerStudier.of})`,
      goal === null ? '–' : `${goal.arbeteEllerStudierMålProcent}%`,
      verdict(goals.met?.arbeteEllerStudier),
    ],
    [
      `Stegförflyttning (${base})`,
      `${formatSharePercent(goals.stegförflyttning)} (${goals.stegförflyttning.count} av ${goals.stegförflyttning.of})`,
      goal === null ? '–' : `${goal.stegförflyttningMålProcent}%`,
      verdict(goals.met?.stegförflyttning),
    ],
  ];
}
