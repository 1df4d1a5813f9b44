import type { GuidelineCheck, GuidelineReport } from '@finsam-ledger/core';
import { escapeHtml } from './escapeHtml.js';

/** The verdict of a check in words, with a sign that does not rely on colour alone. */
export const verdictOf = (passed: GuidelineCheck['passed']): { text: string; css: string } => {
  if (passed === true) return { text: '✓ Uppfylld', css: 'pass' };
  if (passed === false) return { text: '✗ Ej uppfylld', css: 'fail' };
  return { text: '– Kan inte prövas', css: 'unknown' };
};

/**
 * The checks against the förbund's financial guidelines as a table: the guideline, its verdict
 * (uppfylld, ej uppfylld, kan inte prövas) and what was found; the reason for each rule below.
 */
export function guidelineTableHtml(report: GuidelineReport): string {
  const rows = report.checks.map((check) => {
    const verdict = verdictOf(check.passed);
    return [
      `<tr class="check ${verdict.css}" data-key="${escapeHtml(check.key)}" data-passed="${String(check.passed)}">`,
      `<th scope="row">${escapeHtml(check.title)}</th>`,
      `<td class="verdict">${escapeHtml(verdict.text)}</td>`,
      `<td>${escapeHtml(check.explanation)}</td>`,
      '</tr>',
    ].join('');
  });
  const rationales = report.checks.map(
    (check) =>
      `<li><strong>${escapeHtml(check.title)}.</strong> ${escapeHtml(check.rationale)}</li>`,
  );
  return [
    '<table class="guideline-table">',
    `<caption>Finansiella riktlinjer ${report.year}: prövning, belopp i kronor (kr) och andelar i procent</caption>`,
    '<thead><tr><th scope="col">Riktlinje</th><th scope="col">Resultat</th><th scope="col">Underlag</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody>`,
    '</table>',
    `<ul class="notes">${rationales.join('')}</ul>`,
  ].join('');
}
