/**
 * Pads text cells into columns for a plain-text table: every column as wide as its widest cell,
 * the last `right` columns right-aligned (amounts), the others left-aligned; trailing spaces cut.
 */
export function alignColumns(rows: readonly (readonly string[])[], right: number): string[] {
  const count = Math.max(0, ...rows.map((cells) => cells.length));
  const widths = Array.from({ length: count }, (_, index) =>
    Math.max(0, ...rows.map((cells) => (cells[index] ?? '').length)),
  );
  return rows.map((cells) =>
    cells
      .map((cell, index) =>
        index >= count - right ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!),
      )
      .join('  ')
      .trimEnd(),
  );
}
