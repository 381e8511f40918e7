/** RFC 3339 UTC without fractions (`2026-03-01T09:30:00Z`), the form the organisation policy carries. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
