import type { ParticipantTables } from '../participants/projections/participantTables.js';
import type { AnnualReport } from '../statements/annualReport.js';
import { compareParticipantTables } from './compareParticipantTables.js';
import { checkParticipantTable } from './checkParticipantTables.js';
import { checkComparisonColumns, checkRelations } from './checkRelations.js';
import { checkStatementSums } from './checkStatementSums.js';
import { compareWithLedger } from './compareWithLedger.js';
import { figureIndex } from './FigureIndex.js';
import type { PrintedReport } from './PrintedReport.js';
import type { ReconcileFinding } from './ReconcileFinding.js';

/** Choices for {@link reconcileReport}. */
export interface ReconcileOptions {
  /**
   * Other printed reports of the same förbund (earlier or later years): their columns are
   * compared with this report's comparison columns and complete the year before where this
   * report does not print it (the balansräkning a kassaflödesanalys changes from).
   */
  readonly others?: readonly PrintedReport[];
  /**
   * The ledger's participant tables of the report's year: each printed table that names its
   * ledger table (`ledger`) is compared with it.
   */
  readonly participantTables?: ParticipantTables;
}

/** What {@link reconcileReport} found. */
export interface ReconcileResult {
  readonly förbund: string;
  readonly år: number;
  /** Every finding, in the order of the printed statements, rows and columns. */
  readonly findings: readonly ReconcileFinding[];
  /** Whether any finding is an `avvikelse` (not only rounding): `finsam reconcile` exits 1. */
  readonly differs: boolean;
  /** How many printed figures were read. */
  readonly figures: number;
  /**
   * With a ledger: how many figures it was compared at, and how many it has no row for, in all
   * and for the participant tables' counts and percentages alone (which are not among
   * {@link ReconcileResult.figures}, the printed statements' figures).
   */
  readonly ledger?: {
    readonly compared: number;
    readonly uncompared: number;
    readonly participantTableFigures: { readonly compared: number; readonly uncompared: number };
  };
}

const checkOrder = [
  'summa',
  'avvikelse',
  'balansräkning',
  'mellan-rapporter',
  'jämförelsekolumn',
  'bokföring',
];

/** Sorts findings as the report prints its figures: statement, row, column, then check. */
function inPrintedOrder(report: PrintedReport, findings: ReconcileFinding[]): ReconcileFinding[] {
  const position = (finding: ReconcileFinding): number[] => {
    const statement = report.statements.find(
      (candidate) => candidate.statement === finding.statement,
    );
    const statementIndex =
      statement === undefined ? report.statements.length : report.statements.indexOf(statement);
    const rowIndex = statement?.rows.findIndex((row) => row.key === finding.rowKey) ?? 0;
    const columnIndex =
      statement?.columns.findIndex((column) => column.label === finding.column) ?? 0;
    return [statementIndex, rowIndex, columnIndex, checkOrder.indexOf(finding.check)];
  };
  const positions = new Map(findings.map((finding) => [finding, position(finding)]));
  return [...findings].sort((first, second) => {
    const [a, b] = [positions.get(first)!, positions.get(second)!];
    const index = a.findIndex((value, at) => value !== b[at]);
    return index === -1 ? 0 : a[index]! - b[index]!;
  });
}

/** The comparisons with the ledger that were asked for, with their counts added up. */
function ledgerComparison(
  printed: PrintedReport,
  ledgerReport: AnnualReport | undefined,
  participantTables: ParticipantTables | undefined,
) {
  if (ledgerReport === undefined && participantTables === undefined) return undefined;
  const none = { findings: [], compared: 0, uncompared: 0 };
  const statements = ledgerReport === undefined ? none : compareWithLedger(printed, ledgerReport);
  const participants =
    participantTables === undefined ? none : compareParticipantTables(printed, participantTables);
  return {
    statements: statements.findings,
    participants: participants.findings,
    compared: statements.compared + participants.compared,
    uncompared: statements.uncompared + participants.uncompared,
    participantTableFigures: {
      compared: participants.compared,
      uncompared: participants.uncompared,
    },
  };
}

/**
 * Reconciles a published report as printed with itself, with the other printed reports given
 * and, when given, with the ledger's annual report of the same year. Pure.
 *
 * Internal checks (need no ledger): each printed total against its rows, each avvikelse column
 * against its columns, the balansräkning's sides, the kassaflödesanalys against the
 * balansräkning's change, eget kapital against the year's result, each note's total and the
 * driftredovisning and flerårsöversikt against the statements, comparison columns against the
 * report of that year, and the participant tables' counts and percentages.
 *
 * Rounding: a printed figure stands for the exact kronor rounded half away from zero to its
 * last printed digit (tkr, mkr with two decimals, kr). A difference that such rounding
 * explains is an `avrundning`, never an `avvikelse`; kr statements are taken as exact unless
 * they say `avrundning: "halv-enhet"`. Against the ledger, the ledger's exact kronor rounded
 * half away from zero must print as the printed figure.
 */
export function reconcileReport(
  printed: PrintedReport,
  ledgerReport?: AnnualReport,
  options: ReconcileOptions = {},
): ReconcileResult {
  const index = figureIndex(printed, options.others ?? []);
  const internal = [
    ...printed.statements.flatMap((statement) =>
      checkStatementSums(
        index.own.filter((figure) => figure.statement === statement.statement),
        statement.rows,
      ),
    ),
    ...checkRelations(index),
    ...checkComparisonColumns(index),
  ];
  const ledger = ledgerComparison(printed, ledgerReport, options.participantTables);
  const participants = (printed.deltagare ?? []).flatMap((table) =>
    checkParticipantTable(printed.år, table),
  );
  const findings = [
    ...inPrintedOrder(printed, [...internal, ...(ledger?.statements ?? [])]),
    ...participants,
    ...(ledger?.participants ?? []),
  ];
  return {
    förbund: printed.förbund,
    år: printed.år,
    findings,
    differs: findings.some((finding) => finding.severity === 'avvikelse'),
    figures: index.own.length,
    ...(ledger === undefined
      ? {}
      : {
          ledger: {
            compared: ledger.compared,
            uncompared: ledger.uncompared,
            participantTableFigures: ledger.participantTableFigures,
          },
        }),
  };
}
