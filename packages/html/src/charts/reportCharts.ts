import {
  Money,
  type AnnualReport,
  type GuidelineReport,
  type MoneyUnit,
  type Statement,
  type StatementRow,
} from '@finsam-ledger/core';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartTable } from './chartTable.js';
import { plotValue, seriesColours } from './plotValue.js';

/** One chart of the report: its text alternative, its Vega-Lite specification and its table. */
export interface ReportChart {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly spec: TopLevelSpec;
  readonly table: ChartTable;
}

interface Datum {
  readonly kategori: string;
  readonly serie: string;
  readonly värde: number;
}

const unitTitle: Readonly<Record<MoneyUnit, string>> = { kr: 'kr', tkr: 'tkr', mkr: 'mkr' };
const axisFormat: Readonly<Record<MoneyUnit, string>> = { kr: ',.0f', tkr: ',.0f', mkr: ',.1f' };

const rowByKey = (statement: Statement, key: string): StatementRow | undefined =>
  statement.rows.find((row) => row.key === key);

const columnOfKind = (statement: Statement, kind: string): number =>
  statement.columns.findIndex((column) => (column.kind ?? 'utfall') === kind);

/** Data points of the non-null amounts: one per series and category. */
function pointsOf(
  categories: readonly string[],
  series: readonly { name: string; amounts: readonly (Money | null)[] }[],
  unit: MoneyUnit,
): Datum[] {
  return categories.flatMap((kategori, index) =>
    series.flatMap(({ name, amounts }) => {
      const amount = amounts[index] ?? null;
      return amount === null ? [] : [{ kategori, serie: name, värde: plotValue(amount, unit) }];
    }),
  );
}

/** Grouped bars, one group per category along x (or y when `horizontal`), a bar per series. */
function groupedBarsSpec(
  data: readonly Datum[],
  options: {
    categoryTitle: string;
    seriesNames: readonly string[];
    /** The names the colour scale knows (default `seriesNames`): a layered line's too. */
    colourNames?: readonly string[];
    unit: MoneyUnit;
    horizontal?: boolean;
  },
): TopLevelSpec {
  const category = { field: 'kategori', type: 'nominal', sort: null, title: options.categoryTitle };
  const value = {
    field: 'värde',
    type: 'quantitative',
    title: unitTitle[options.unit],
    axis: { format: axisFormat[options.unit] },
  };
  const offset = { field: 'serie', sort: [...options.seriesNames] };
  const colourNames = options.colourNames ?? options.seriesNames;
  const colour = {
    field: 'serie',
    type: 'nominal',
    title: null,
    scale: { domain: [...colourNames], range: seriesColours.slice(0, colourNames.length) },
  };
  const categoryCount = new Set(data.map((datum) => datum.kategori)).size;
  return {
    data: { values: [...data] },
    mark: { type: 'bar' },
    ...(options.horizontal === true
      ? {
          width: 300,
          // Room for a post's name on two lines beside its bars.
          height: Math.max(80, categoryCount * Math.max(options.seriesNames.length * 11, 30)),
          encoding: {
            y: {
              ...category,
              // The labels say what they are, and the table beside is headed by the title; Vega
              // places it by estimated label widths, over the longest labels.
              title: null,
              // Not 2's posts have long names (and the table beside names them in full): a long
              // one breaks at a space onto two lines instead of ending in an ellipsis.
              axis: { labelLimit: 300, labelExpr: twoLineLabel },
            },
            yOffset: offset,
            x: value,
            color: colour,
          },
        }
      : {
          width: 460,
          height: 220,
          encoding: {
            // A long category (an område) breaks at its spaces onto lines, never cut short.
            x: {
              ...category,
              axis: { labelAngle: 0, labelLimit: 0, labelExpr: "split(datum.label, ' ')" },
            },
            xOffset: offset,
            y: value,
            color: colour,
          },
        }),
  } as TopLevelSpec;
}

/** Characters on a horizontal chart's label line before it breaks at the last space. */
const labelLineCharactersMax = 34;
const firstLineEnd = `lastindexof(substring(datum.label, 0, ${labelLineCharactersMax + 1}), ' ')`;
/** A Vega expression: the label, or its two lines when it is long and has a space to break at. */
const twoLineLabel =
  `length(datum.label) > ${labelLineCharactersMax} && ${firstLineEnd} > 0` +
  ` ? [substring(datum.label, 0, ${firstLineEnd}), substring(datum.label, ${firstLineEnd} + 1)]` +
  ' : datum.label';

/**
 * Grouped bars with a line (with points) drawn over them on the same axes and colour scale:
 * the flerårsöversikt's result over its intäkter and kostnader, eget kapital's limit over it.
 */
function barsWithLineSpec(
  bars: readonly Datum[],
  line: readonly Datum[],
  barSpec: { readonly encoding: Record<string, unknown> },
): TopLevelSpec {
  const { encoding } = barSpec;
  return {
    width: 460,
    height: 220,
    layer: [
      { data: { values: bars }, mark: { type: 'bar' }, encoding },
      {
        data: { values: line },
        mark: { type: 'line', point: true },
        encoding: { x: encoding.x, y: encoding.y, color: encoding.color },
      },
    ],
  } as TopLevelSpec;
}

/** The years a chart covers, for its title: `2021` for one, `2017–2022` for several. */
const yearSpan = (years: readonly string[]): string =>
  years.length === 1 ? years[0]! : `${years[0]}–${years[years.length - 1]}`;

const flerårsöversiktSeries = [
  ['verksamhetens-intäkter', 'Verksamhetens intäkter'],
  ['verksamhetens-kostnader', 'Verksamhetens kostnader'],
  ['årets-resultat', 'Årets resultat'],
] as const;

/**
 * The flerårsöversikt: intäkter and kostnader as bars, årets resultat as a line with points, over
 * the years with figures (a young förbund's overview has empty years, which the statement's
 * table shows as missing; the chart and its caption leave them out).
 */
export function flerårsöversiktChart(report: AnnualReport): ReportChart {
  const statement = report.flerårsöversikt;
  const unit: MoneyUnit = statement.fixedUnit ?? 'mkr';
  const amountsAt = (index: number) =>
    flerårsöversiktSeries.map(([key]) => rowByKey(statement, key)?.amounts[index] ?? null);
  const oldestFirst = statement.columns.map((_column, index) => index).reverse();
  const withFigures = oldestFirst.filter((index) =>
    amountsAt(index).some((amount) => amount !== null),
  );
  const order = withFigures.length > 0 ? withFigures : oldestFirst;
  const years = order.map((index) => String(statement.columns[index]!.year));
  const series = flerårsöversiktSeries.map(([key, name]) => ({
    name,
    amounts: order.map((index) => rowByKey(statement, key)?.amounts[index] ?? null),
  }));
  const bars = pointsOf(years, series.slice(0, 2), unit);
  const line = pointsOf(years, series.slice(2), unit);
  const names = series.map((each) => each.name);
  const barSpec = groupedBarsSpec(bars, {
    categoryTitle: 'År',
    seriesNames: names.slice(0, 2),
    colourNames: names,
    unit,
  }) as {
    encoding: Record<string, unknown>;
  };
  const span = yearSpan(years);
  return {
    id: 'diagram-flerarsoversikt',
    title: `Flerårsöversikt ${span}: intäkter, kostnader och resultat`,
    description: `Stapeldiagram över verksamhetens intäkter och kostnader per år (${years.join(', ')}) med årets resultat som linje, i ${unit}. Tabellen bredvid har samma siffror.`,
    spec: barsWithLineSpec(bars, line, barSpec),
    table: {
      caption: 'Flerårsöversikt i diagrammet',
      rowHeader: 'År',
      columns: names,
      rows: years.map((year, index) => ({
        label: year,
        amounts: series.map((each) => each.amounts[index] ?? null),
      })),
      unit,
    },
  };
}

/** Costs per område of the year beside the year before (Not 2's sums per område). */
export function områdeChart(report: AnnualReport, unit: MoneyUnit): ReportChart {
  const statement = report.not2;
  const current = columnOfKind(statement, 'utfall');
  const previous = columnOfKind(statement, 'jämförelseår');
  const columns = [current, previous].filter((index) => index >= 0);
  const names = columns.map((index) => String(statement.columns[index]!.year));
  const sums = statement.rows.filter((row) => row.key.startsWith('summa:'));
  const headings = new Map(
    statement.rows.filter((row) => row.kind === 'heading').map((row) => [row.key, row.label]),
  );
  const labels = sums.map(
    (row) => headings.get(row.key.replace(/^summa:/, 'område:')) ?? row.label,
  );
  const series = columns.map((index, position) => ({
    name: names[position]!,
    amounts: sums.map((row) => row.amounts[index] ?? null),
  }));
  const data = pointsOf(labels, series, unit);
  return {
    id: 'diagram-kostnader-per-omrade',
    title: `Kostnader per område ${names.join(' och ')}`,
    description: `Stapeldiagram över verksamhetens kostnader per område (${labels.join(', ')}), ${names.join(' jämfört med ')}, i ${unit}. Tabellen bredvid har samma siffror.`,
    spec: groupedBarsSpec(data, { categoryTitle: 'Område', seriesNames: names, unit }),
    table: {
      caption: 'Kostnader per område i diagrammet',
      rowHeader: 'Område',
      columns: names,
      rows: labels.map((label, index) => ({
        label,
        amounts: series.map((each) => each.amounts[index] ?? null),
      })),
      unit,
    },
  };
}

/**
 * A post's label, with its område where another område has a post of the same name
 * (`Övrigt (Administrativa kostnader)`), and its position only where that still repeats: the
 * chart's categories must differ, and a reader knows the område from the table.
 */
function postLabels(
  rows: readonly StatementRow[],
  headings: ReadonlyMap<string, string>,
): string[] {
  const withOmråde = (labels: readonly string[]) =>
    rows.map((row, index) => {
      const label = labels[index]!;
      if (labels.indexOf(label) === labels.lastIndexOf(label)) return label;
      const område = /^post:([^|]+)\|/.exec(row.key)?.[1] ?? '';
      return `${label} (${headings.get(`område:${område}`) ?? område})`;
    });
  const labels = withOmråde(rows.map((row) => row.label));
  return labels.map((label, index) =>
    labels.indexOf(label) === labels.lastIndexOf(label) ? label : `${label} (${index + 1})`,
  );
}

/** Budget against utfall for every post of Not 2, as horizontal bars. */
export function budgetChart(report: AnnualReport, unit: MoneyUnit): ReportChart {
  const statement = report.not2;
  const outcome = columnOfKind(statement, 'utfall');
  const budget = columnOfKind(statement, 'budget');
  const amountIn = (column: number) => (row: StatementRow) =>
    column < 0 ? null : (row.amounts[column] ?? null);
  const hasBudget = statement.rows.some(
    (row) => row.key.startsWith('post:') && amountIn(budget)(row) !== null,
  );
  // A post of the comparison year only (no utfall this year and no budget) has no bar to draw.
  const posts = statement.rows.filter(
    (row) =>
      row.key.startsWith('post:') &&
      [amountIn(outcome)(row), amountIn(budget)(row)].some(
        (amount) => amount !== null && !amount.isZero(),
      ),
  );
  const headings = new Map(
    statement.rows.filter((row) => row.kind === 'heading').map((row) => [row.key, row.label]),
  );
  const labels = postLabels(posts, headings);
  const series = [
    { name: 'Utfall', amounts: posts.map(amountIn(outcome)) },
    // Without a budget for the year, a budget series would be a legend with no bars.
    ...(hasBudget ? [{ name: 'Budget', amounts: posts.map(amountIn(budget)) }] : []),
  ];
  const names = series.map((each) => each.name);
  const what = hasBudget ? 'Budget och utfall' : 'Utfall';
  return {
    id: 'diagram-budget-och-utfall',
    title: `${what} ${statement.year} per post i Not 2`,
    description: `Liggande stapeldiagram med ${hasBudget ? 'utfall och budget' : 'utfall (ingen budget för året)'} för var och en av de ${posts.length} posterna i Not 2 ${statement.year} med belopp, i ${unit}. Tabellen bredvid har samma siffror.`,
    spec: groupedBarsSpec(pointsOf(labels, series, unit), {
      categoryTitle: 'Post',
      seriesNames: names,
      unit,
      horizontal: true,
    }),
    table: {
      caption: `${what} per post i diagrammet`,
      rowHeader: 'Post',
      columns: names,
      rows: labels.map((label, index) => ({
        label,
        amounts: series.map((each) => each.amounts[index] ?? null),
      })),
      unit,
    },
  };
}

const moneyFigure = (value: Money | string | undefined): Money | null => {
  if (value === undefined) return null;
  return typeof value === 'string' ? Money.from(value) : value;
};

/**
 * Eget kapital at each year end against the guideline's limit (the share of the year's
 * medelstilldelning), over the years of `reports` (the report's own year included).
 */
export function egetKapitalChart(
  reports: readonly GuidelineReport[],
  unit: MoneyUnit,
): ReportChart {
  const years = [...reports].sort((left, right) => left.year - right.year);
  const figures = years.map((guidelineReport) => {
    const check = guidelineReport.checks.find((candidate) => candidate.key === 'eget-kapital');
    return {
      year: String(guidelineReport.year),
      equity: moneyFigure(check?.figures['egetKapital']),
      limit: moneyFigure(check?.figures['egetKapitalGräns']),
    };
  });
  const labels = figures.map((figure) => figure.year);
  const names = ['Eget kapital', 'Gräns enligt riktlinjen'];
  const bars = pointsOf(
    labels,
    [{ name: names[0]!, amounts: figures.map((each) => each.equity) }],
    unit,
  );
  const line = pointsOf(
    labels,
    [{ name: names[1]!, amounts: figures.map((each) => each.limit) }],
    unit,
  );
  const barSpec = groupedBarsSpec(bars, {
    categoryTitle: 'År',
    seriesNames: names.slice(0, 1),
    colourNames: names,
    unit,
  }) as { encoding: Record<string, unknown> };
  return {
    id: 'diagram-eget-kapital',
    title: `Eget kapital och riktlinjens gräns ${yearSpan(labels)}`,
    description: `Stapeldiagram över eget kapital vid årets slut (${labels.join(', ')}) med riktlinjens gräns som linje, i ${unit}. Tabellen bredvid har samma siffror.`,
    spec: barsWithLineSpec(bars, line, barSpec),
    table: {
      caption: 'Eget kapital och gräns i diagrammet',
      rowHeader: 'År',
      columns: names,
      rows: figures.map((figure) => ({
        label: figure.year,
        amounts: [figure.equity, figure.limit],
      })),
      unit,
    },
  };
}
