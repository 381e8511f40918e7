import { AuditError } from './errors.js';
import type { Checkpoint } from './parseCheckpoint.js';

/** The last checkpoint must cover exactly the entries: none missing, none outside every signature. */
export function checkBundleCoverage(count: number, checkpoints: readonly Checkpoint[]): void {
  const position = checkpoints.length - 1;
  const last = checkpoints[position];
  if (last === undefined) throw new AuditError('AUDIT_TRUNCATED', `expected at least one signed checkpoint, found none for ${count} entries`);
  if (last.size > count) {
    throw new AuditError('AUDIT_TRUNCATED', `expected the ${last.size} entries the last checkpoint covers, found ${count}`, { index: position, size: last.size });
  }
  if (last.size < count) {
    throw new AuditError('AUDIT_TRUNCATED', `expected the last checkpoint to cover all ${count} entries, it covers ${last.size}: later entries are unsigned`, {
      index: position,
      size: last.size,
    });
  }
}
