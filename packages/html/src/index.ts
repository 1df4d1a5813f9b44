/**
 * `@finsam-ledger/html`: the annual report of a samordningsförbund as one self-contained HTML
 * document, with charts as inline SVG (Vega, rendered without a browser). Pure: a function
 * from the report's data to a string; printing it to PDF is the caller's (the `finsam` command
 * line does it with headless Chromium).
 *
 * @packageDocumentation
 */
export { renderAnnualReportHtml, type AnnualReportHtmlInput } from './renderAnnualReportHtml.js';
export { escapeHtml } from './escapeHtml.js';
export { formatAmountHtml, minusSign, thousandsSpace } from './formatAmountHtml.js';
export { renderChartSvg, systemFontStack, type ChartText } from './charts/renderChartSvg.js';
export {
  budgetChart,
  egetKapitalChart,
  flerårsöversiktChart,
  områdeChart,
  type ReportChart,
} from './charts/reportCharts.js';
export type { ChartTable } from './charts/chartTable.js';
