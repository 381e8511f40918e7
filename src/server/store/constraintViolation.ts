/**
 * Whether a database error is a unique (or primary key) violation, on SQLite or PostgreSQL, optionally of
 * a constraint over `column`. Races are decided by constraints; this names who lost.
 */
export function isUniqueViolation(error: unknown, column?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, constraint } = error as { code?: unknown; message?: unknown; constraint?: unknown };
  const sqlite = code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  // 23505: unique_violation (PostgreSQL, Appendix A).
  const postgres = code === '23505';
  if (!sqlite && !postgres) return false;
  if (column === undefined) return true;
  const where = sqlite ? String(message) : String(constraint);
  return where.includes(column);
}
