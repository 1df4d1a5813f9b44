import { systemFontStack } from './charts/renderChartSvg.js';

/**
 * The report's stylesheet, inlined in its `<head>`: the system font stack (no web font, so
 * nothing is fetched), tables with figures aligned right in tabular digits, and a print
 * stylesheet for A4: each statement starts a page, table headers repeat on every page, rows
 * and charts are not split, a sum is not left alone at the top of a page nor a heading at the
 * bottom, and a date in a column header stays on one line.
 */
export const reportStyles = `
:root { color-scheme: light; }
body { font-family: ${systemFontStack}; font-size: 11pt; line-height: 1.4; color: #111; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.8rem; margin: 0 0 .5rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #bbb; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
p.lead, p.note, ul.notes, ul.footnotes { font-size: .9rem; color: #333; }
ul.footnotes { list-style: none; padding-left: 0; }
sup.footnote-mark a { text-decoration: none; }
nav.toc ol { padding-left: 1.5rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; width: 100%; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { padding: .2rem .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
thead th { border-bottom: 2px solid #555; text-align: left; }
th.amount, td.amount { text-align: right; }
td.amount, th .date { white-space: nowrap; }
td.note, th.note { text-align: center; width: 3rem; }
tbody th { text-align: left; font-weight: normal; }
tr.row-heading th { font-style: italic; font-weight: 600; padding-top: .6rem; }
tr.row-subtotal th, tr.row-subtotal td { font-weight: 600; }
tr.row-total th, tr.row-total td { font-weight: 700; border-top: 2px solid #555; }
tr.level-2 th { padding-left: 1.5rem; }
tr.check.pass td.verdict { color: #1b5e20; font-weight: 600; }
tr.check.fail td.verdict { color: #b71c1c; font-weight: 600; }
tr.check.unknown td.verdict { color: #555; }
thead { display: table-header-group; }
.chart-block { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; margin: 1rem 0; }
.chart-block figure { margin: 0; flex: 1 1 26rem; }
.chart-block figure svg { max-width: 100%; height: auto; }
.chart-block figcaption { font-size: .9rem; font-weight: 600; }
.chart-block table.chart-table { flex: 1 1 18rem; width: auto; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
  nav.toc { break-after: page; }
  section.part { break-before: page; }
  section.part:first-of-type { break-before: auto; }
  thead { display: table-header-group; }
  tr, figure, .chart-block { break-inside: avoid; }
  /* A sum goes to the next page with the row above it, never alone under a repeated header; a
     group's heading stays with its first row. */
  tr.row-subtotal, tr.row-total { break-before: avoid; }
  tr.row-heading { break-after: avoid; }
  h2, h3, caption { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
