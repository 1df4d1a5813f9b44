import {
  genderColumns,
  type Bilaga1Tables,
  type ParticipantTable,
} from '../projections/bilaga1Tables.js';
import type { GoalFulfilment } from '../projections/goalFulfilment.js';
import type {
  ParticipantTables,
  PeriodParticipantTables,
} from '../projections/participantTables.js';
import type { Share } from '../Share.js';

/** The header of {@link renderParticipantTablesCsv}, in column order. */
export const participantTablesCsvColumns = [
  'år',
  'insatsId',
  'period',
  'periodFrån',
  'periodTill',
  'tabell',
  'kategori',
  'etikett',
  'kolumn',
  'antal',
  'av',
  'andelProcent',
  'mål',
  'uppnått',
] as const;

type CsvRow = Partial<Record<(typeof participantTablesCsvColumns)[number], string>>;

/** Quotes a field when it holds a separator, a quote or a line break (RFC 4180). */
const csvField = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

const shareFields = (share: Share): CsvRow => ({
  antal: String(share.count),
  av: String(share.of),
  andelProcent: share.percentTwoDecimals ?? '',
});

const flowCategories = [
  ['inskrivna', 'Inskrivna under perioden', 'enrolled'],
  ['deltog', 'Deltog under perioden', 'tookPart'],
  ['aktivaVidPeriodensSlut', 'Aktiva vid periodens slut', 'activeAtEnd'],
  ['avslutade', 'Avslutade under perioden', 'concluded'],
  ['överförda', 'Överförda till annan insats', 'transferred'],
  ['anonyma', 'Anonyma deltagare (startår i perioden)', 'anonymous'],
] as const;

const bilaga1TableKeys = [
  'anvisadFrån',
  'försörjningVidInskrivning',
  'tidIOffentligFörsörjning',
  'åldersband',
  'avslutsorsaker',
] as const;

function flowRows(statistics: Bilaga1Tables): CsvRow[] {
  return flowCategories.flatMap(([kategori, etikett, key]) =>
    genderColumns.map((kolumn) => ({
      tabell: 'deltagare',
      kategori,
      etikett,
      kolumn,
      antal: String(statistics[key][kolumn]),
    })),
  );
}

function tableRows(tabell: string, table: ParticipantTable): CsvRow[] {
  return [
    ...table.rows.flatMap((row) =>
      genderColumns.map((kolumn) => ({
        tabell,
        kategori: row.category,
        etikett: row.label,
        kolumn,
        ...shareFields(row.share[kolumn]),
      })),
    ),
    ...genderColumns.map((kolumn) => ({
      tabell,
      kategori: 'totalt',
      etikett: 'Totalt',
      kolumn,
      antal: String(table.total[kolumn]),
    })),
  ];
}

const verdict = (met: boolean | null | undefined): string =>
  met === undefined || met === null ? '' : String(met);

function goalRows(goals: GoalFulfilment): CsvRow[] {
  const goal = goals.goal;
  const common = { tabell: 'måluppfyllelse', kolumn: 'samtliga' };
  return [
    {
      ...common,
      kategori: 'erbjudna',
      etikett: 'Erbjudna insatser',
      antal: String(goals.offered),
      mål: goal === null ? '' : String(goal.erbjudnaMål),
      uppnått: verdict(goals.met?.offered),
    },
    {
      ...common,
      kategori: 'arbeteEllerStudier',
      etikett: `Arbete eller studier (andel av ${goals.andelAv})`,
      ...shareFields(goals.arbeteEllerStudier),
      mål: goal === null ? '' : String(goal.arbeteEllerStudierMålProcent),
      uppnått: verdict(goals.met?.arbeteEllerStudier),
    },
    {
      ...common,
      kategori: 'stegförflyttning',
      etikett: `Stegförflyttning (andel av ${goals.andelAv})`,
      ...shareFields(goals.stegförflyttning),
      mål: goal === null ? '' : String(goal.stegförflyttningMålProcent),
      uppnått: verdict(goals.met?.stegförflyttning),
    },
  ];
}

function periodRows(period: PeriodParticipantTables): CsvRow[] {
  return [
    ...flowRows(period.tables),
    ...bilaga1TableKeys.flatMap((key) => tableRows(key, period.tables[key])),
    ...goalRows(period.goals),
  ];
}

/**
 * Renders a year's participant statistics as CSV (RFC 4180: comma-separated, CRLF line
 * ends, quoted where needed), one row per figure, for a spreadsheet or another program:
 * every insats, both periods (`året` and `sedanStart`), the flow of participants, every
 * Bilaga 1 table (empty ones too) and goal fulfilment. `kolumn` is the gender column;
 * `antal` of `av` is a share with `andelProcent` its exact percentage to two decimals;
 * `mål` is the goal (a number of participants, or a whole percent) and `uppnått` true or
 * false where the goal applies. Column names are in {@link participantTablesCsvColumns}.
 */
export function renderParticipantTablesCsv(tables: ParticipantTables): string {
  const rows = tables.insatser.flatMap((insats) =>
    (
      [
        ['året', insats.year],
        ['sedanStart', insats.sinceStart],
      ] as const
    ).flatMap(([period, tablesOfPeriod]) =>
      periodRows(tablesOfPeriod).map((row) => ({
        år: String(tables.år),
        insatsId: insats.insatsId,
        period,
        periodFrån: tablesOfPeriod.tables.periodFrån,
        periodTill: tablesOfPeriod.tables.periodTill,
        ...row,
      })),
    ),
  );
  const lines = [
    participantTablesCsvColumns.join(','),
    ...rows.map((row) =>
      participantTablesCsvColumns.map((column) => csvField(row[column] ?? '')).join(','),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
