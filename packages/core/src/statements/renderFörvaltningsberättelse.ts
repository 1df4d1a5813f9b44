import type { FörvaltningsberättelseAvsnitt } from '../bookkeeping/events/FörvaltningsberättelseRegistrerad.js';

/** The heading the report prints the förbund's sections under. */
export const förvaltningsberättelseRubrik = 'Förvaltningsberättelse';

/**
 * The förvaltningsberättelse as text: its heading ruled off as a statement's is, then each
 * section's heading flush left and its paragraphs indented under it as a statement's rows are
 * (so a heading never reads as one more paragraph), a blank line between paragraphs, each
 * paragraph on one line as registered.
 */
export function renderFörvaltningsberättelseText(
  avsnitt: readonly FörvaltningsberättelseAvsnitt[],
): string {
  return [
    `${förvaltningsberättelseRubrik}\n${'-'.repeat(förvaltningsberättelseRubrik.length)}`,
    ...avsnitt.map((section) =>
      [section.rubrik, ...section.stycken.map((stycke) => `  ${stycke}`)].join('\n\n'),
    ),
  ].join('\n\n');
}

// CommonMark lets a backslash escape every ASCII punctuation character, and only those: escaping
// them all keeps the förbund's text as written (a `*` or a leading `1.` never turns into markup).
const markdownLiteral = (text: string): string => text.replace(/[!-/:-@[-`{-~]/g, '\\$&');

/** The förvaltningsberättelse as Markdown: a level-2 heading, each section at level 3. */
export function renderFörvaltningsberättelseMarkdown(
  avsnitt: readonly FörvaltningsberättelseAvsnitt[],
): string {
  return [
    `## ${förvaltningsberättelseRubrik}`,
    ...avsnitt.map((section) =>
      [`### ${markdownLiteral(section.rubrik)}`, ...section.stycken.map(markdownLiteral)].join(
        '\n\n',
      ),
    ),
  ].join('\n\n');
}
