import type { TopLevelSpec } from 'vega-lite';
import { escapeHtml } from '../escapeHtml.js';

/** The system font stack of the report; the charts' text uses it too. */
export const systemFontStack =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif';

/**
 * Vega's number formatting, the Swedish way: decimal comma, a no-break space between
 * thousands and the minus sign U+2212 (d3-format's locale, which Vega takes as is).
 */
const swedishNumberLocale = {
  decimal: ',',
  thousands: '\u00a0',
  grouping: [3],
  currency: ['', '\u00a0kr'] as [string, string],
  minus: '\u2212',
};

/** What every chart shares: the font, the locale, no background, no per-mark ARIA noise. */
const chartConfig = {
  font: systemFontStack,
  // The whole chart is one image to assistive technology (role="img" with a text
  // alternative, and the table it draws beside it); Vega's per-mark labels would be hidden
  // by that role anyway, so they are left out.
  aria: false,
  locale: { number: swedishNumberLocale },
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11 },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: 'bottom', labelLimit: 260 },
} as const;

/** The text alternative of a chart: a short title and a longer description. */
export interface ChartText {
  /** The id the chart's elements are named by (unique in the document). */
  readonly id: string;
  readonly title: string;
  readonly description: string;
}

/**
 * Renders a Vega-Lite specification to an SVG string with Vega's own SVG renderer, which needs
 * no browser and no DOM (`View.toSVG` with the headless renderer `none`), then makes it an
 * accessible image: `role="img"`, an `aria-label`, and `<title>`/`<desc>` as its first
 * children. Pure and deterministic: the same specification gives the same bytes.
 */
export async function renderChartSvg(spec: TopLevelSpec, text: ChartText): Promise<string> {
  // Vega 6 is ESM with top-level await, which `require` cannot load: imported when a chart is
  // drawn, it works from this package's CommonJS build as well as from its ES module build.
  const [{ parse, View, Error: vegaErrorLevel }, { compile }] = await Promise.all([
    import('vega'),
    import('vega-lite'),
  ]);
  const vegaSpec = compile({
    ...spec,
    config: { ...chartConfig, ...spec.config },
  } as TopLevelSpec).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none', logLevel: vegaErrorLevel });
  try {
    const svg = await view.toSVG();
    const titleId = `${text.id}-title`;
    const descriptionId = `${text.id}-desc`;
    return svg.replace(
      /^<svg([^>]*)>/,
      (_opening, attributes: string) =>
        `<svg${attributes} id="${escapeHtml(text.id)}" role="img" aria-label="${escapeHtml(text.title)}" aria-describedby="${escapeHtml(descriptionId)}">` +
        `<title id="${escapeHtml(titleId)}">${escapeHtml(text.title)}</title>` +
        `<desc id="${escapeHtml(descriptionId)}">${escapeHtml(text.description)}</desc>`,
    );
  } finally {
    view.finalize();
  }
}
