/** Lays rows out in columns for a terminal; `right` names the columns aligned right (amounts). */
export function formatTable(header: readonly string[], rows: readonly (readonly (string | null | undefined)[])[], right: readonly number[] = []): string {
  const cells = [header, ...rows.map((row) => row.map((cell) => sanitise(cell ?? '')))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => [...(row[column] ?? '')].length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => {
        const pad = ' '.repeat(Math.max(0, (widths[column] ?? 0) - [...cell].length));
        return right.includes(column) ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return cells.map((row) => line(row as string[])).join('\n');
}

// Bank data (names, remittance lines) must not move the cursor or recolour the terminal.
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Bank text with control characters shown as "?" (they could move the cursor or recolour the terminal). */
export function sanitise(text: string): string {
  return text.replace(CONTROL, '?');
}
