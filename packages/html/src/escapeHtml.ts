const replacements: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content and for quoted attribute values: `&`, `<`, `>`, `"`
 * and `'`. Every text the report prints passes through here (names, labels, notes and
 * explanations come from a förbund's configuration and events, which a person typed).
 */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (character) => replacements[character]!);
