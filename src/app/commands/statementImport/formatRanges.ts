/** Positions as people read a list of entries: ascending, runs joined with an en dash ("1–3, 5, 8–9"). */
export function formatRanges(positions: Iterable<number>): string {
  const sorted = [...new Set(positions)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    const start = sorted[i] as number;
    let end = start;
    while (i + 1 < sorted.length && sorted[i + 1] === end + 1) end = sorted[++i] as number;
    parts.push(start === end ? String(start) : `${start}–${end}`);
    i += 1;
  }
  return parts.join(', ');
}
