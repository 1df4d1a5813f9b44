import {
  bilaga1Tables,
  formatSharePercent,
  genderColumnLabels,
  goalFulfilment,
  runProjections,
  type Bilaga1Tables,
  type ByGender,
  type DomainEvent,
  type GoalFulfilment,
  type ParticipantTable,
} from '@finsam-ledger/core';
import { miaRoslagenInsatsId, miaRoslagenPeriod, miaVidareInsatsId } from './miaRoslagenCohort.js';
import { miaVidarePeriod } from './miaVidareCohort.js';

/** One section of the report: an insats and a period, with the tables and goal fulfilment wanted. */
export interface ParticipantReportSection {
  readonly title: string;
  readonly insatsId: string;
  readonly periodFrån: string;
  readonly periodTill: string;
  /** Print the Bilaga 1 tables (only where the reports print them, so that no filler is shown as a finding). */
  readonly withTables: boolean;
  readonly withGoals: boolean;
}

/** The sections of the example's participant report. */
export const roslagenReportSections: readonly ParticipantReportSection[] = [
  {
    title: 'MIA Roslagen, hela projektet',
    insatsId: miaRoslagenInsatsId,
    ...miaRoslagenPeriod,
    withTables: true,
    withGoals: true,
  },
  {
    title: 'MIA Roslagen, 2020',
    insatsId: miaRoslagenInsatsId,
    periodFrån: '2020-01-01',
    periodTill: '2020-12-31',
    withTables: false,
    withGoals: false,
  },
  {
    title: 'MIA Vidare Roslagen, hela projektet',
    insatsId: miaVidareInsatsId,
    ...miaVidarePeriod,
    withTables: false,
    withGoals: true,
  },
  {
    title: 'MIA Vidare Roslagen, 2020',
    insatsId: miaVidareInsatsId,
    periodFrån: '2020-01-01',
    periodTill: '2020-12-31',
    withTables: false,
    withGoals: false,
  },
  {
    title: 'MIA Vidare Roslagen, 2022',
    insatsId: miaVidareInsatsId,
    periodFrån: '2022-01-01',
    periodTill: '2022-12-31',
    withTables: false,
    withGoals: true,
  },
];

/** The rounding rule, as the report states it. */
export const roundingRule =
  'Andelar räknas ur exakta antal och avrundas till hela procent, halvt bort från noll (27 av 200 = 13,5 % skrivs 14 %). Avrundade andelar summerar därför inte alltid till 100 %. Mål jämförs med exakta antal, aldrig med avrundade andelar.';

/** The data of one rendered section. */
export interface ParticipantReportSectionResult extends ParticipantReportSection {
  readonly statistics: Bilaga1Tables;
  readonly goals: GoalFulfilment;
}

/** Computes every section in one pass over the events. */
export async function participantReportData(
  events: AsyncIterable<DomainEvent> | Iterable<DomainEvent>,
  sections: readonly ParticipantReportSection[] = roslagenReportSections,
): Promise<ParticipantReportSectionResult[]> {
  const projections = Object.fromEntries(
    sections.flatMap((section, index) => [
      [`statistics${index}`, bilaga1Tables(section)],
      [`goals${index}`, goalFulfilment(section)],
    ]),
  );
  const results = (await runProjections(events, projections)) as Record<string, unknown>;
  return sections.map((section, index) => ({
    ...section,
    statistics: results[`statistics${index}`] as Bilaga1Tables,
    goals: results[`goals${index}`] as GoalFulfilment,
  }));
}

const columns = ['kvinna', 'man', 'samtliga'] as const;

function renderGrid(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row
      .map((cell, column) =>
        column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ')
      .trimEnd(),
  );
}

function renderTable(table: ParticipantTable, insatsTitle: string): string[] {
  const rows: string[][] = [
    [`${table.title} - ${insatsTitle}`, '', ...columns.map((column) => genderColumnLabels[column])],
  ];
  for (const row of table.rows) {
    rows.push([row.label, 'Antal', ...columns.map((column) => String(row.count[column]))]);
    rows.push(['', 'Andel', ...columns.map((column) => formatSharePercent(row.share[column]))]);
  }
  rows.push(['Totalt', 'Antal', ...columns.map((column) => String(table.total[column]))]);
  return renderGrid(rows);
}

function renderFlow(statistics: Bilaga1Tables): string[] {
  const line = (label: string, counts: ByGender<number>) => [
    label,
    '',
    ...columns.map((column) => String(counts[column])),
  ];
  const rows = [
    ['Deltagare', '', ...columns.map((column) => genderColumnLabels[column])],
    line('Inskrivna under perioden', statistics.enrolled),
    line('Deltog under perioden', statistics.tookPart),
    line('Aktiva vid periodens slut', statistics.activeAtEnd),
    line('Avslutade under perioden', statistics.concluded),
    line('Överförda till annan insats', statistics.transferred),
  ];
  if (statistics.anonymous.samtliga > 0)
    rows.push(line('Anonyma deltagare (startår i perioden)', statistics.anonymous));
  const lines = renderGrid(rows);
  if (statistics.tookPart.annatEllerOkänt > 0)
    lines.push(
      `Samtliga omfattar ${statistics.tookPart.annatEllerOkänt} deltagare av annat eller okänt kön.`,
    );
  return lines;
}

function renderGoals(goals: GoalFulfilment): string[] {
  const base = goals.andelAv === 'avslutade' ? 'av avslutade' : 'av deltagarna';
  const verdict = (met: boolean | null | undefined) =>
    met === undefined || met === null ? '' : met ? 'uppnått' : 'ej uppnått';
  const goal = goals.goal;
  const rows = [
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
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ')
      .trimEnd(),
  );
}

function renderSection(section: ParticipantReportSectionResult): string {
  const lines = [`## ${section.title} (${section.periodFrån} – ${section.periodTill})`, ''];
  lines.push(...renderFlow(section.statistics), '');
  if (section.withTables) {
    const statistics = section.statistics;
    for (const table of [
      statistics.anvisadFrån,
      statistics.försörjningVidInskrivning,
      statistics.tidIOffentligFörsörjning,
      statistics.åldersband,
      statistics.avslutsorsaker,
    ]) {
      lines.push(...renderTable(table, section.title.split(',')[0]!), '');
    }
    const others = statistics.enrolled.annatEllerOkänt;
    if (others > 0)
      lines.push(`Samtliga omfattar ${others} inskrivna deltagare av annat eller okänt kön.`, '');
  }
  if (section.withGoals) lines.push(...renderGoals(section.goals), '');
  return lines.join('\n');
}

/**
 * Renders the example's participant statistics: the Bilaga 1 tables of MIA Roslagen
 * (Årsredovisning 2020), the flow of participants per period, and goal fulfilment for
 * MIA Roslagen and MIA Vidare. `text` gives aligned plain-text tables like the report;
 * `json` gives the same data (exact counts and shares) as JSON.
 */
export async function participantReport(
  events: AsyncIterable<DomainEvent> | Iterable<DomainEvent>,
  options: { format: 'text' | 'json' },
): Promise<string> {
  const sections = await participantReportData(events);
  if (options.format === 'json') return `${JSON.stringify({ roundingRule, sections }, null, 2)}\n`;
  return [
    `# Deltagarstatistik, Samordningsförbundet Roslagen (syntetiska deltagare)`,
    '',
    roundingRule,
    '',
    ...sections.map(renderSection),
  ].join('\n');
}
