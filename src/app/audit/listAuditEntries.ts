import { parseAuditEntry } from '../../audit/index.js';
import type { AuditEntry } from '../../contract/index.js';
import { readAuditEntries, type UnlockedVault } from '../../vault/index.js';

export interface AuditFilter {
  action?: string;
  actor?: string;
  outcome?: AuditEntry['outcome'];
  /** ISO 8601 bounds, inclusive. */
  since?: string;
  until?: string;
  /** The newest `limit` matches. */
  limit?: number;
}

function matches(entry: AuditEntry, filter: AuditFilter): boolean {
  return (
    (filter.action === undefined || entry.action === filter.action || entry.action.startsWith(`${filter.action}.`)) &&
    (filter.actor === undefined || entry.actor.userId === filter.actor) &&
    (filter.outcome === undefined || entry.outcome === filter.outcome) &&
    (filter.since === undefined || entry.time >= filter.since) &&
    (filter.until === undefined || entry.time <= filter.until)
  );
}

/** Entries as the auditor reads them, oldest first, each parsed strictly from the bytes that were hashed. */
export function listAuditEntries(vault: UnlockedVault, filter: AuditFilter = {}): AuditEntry[] {
  const found: AuditEntry[] = [];
  for (const { data } of readAuditEntries(vault.db)) {
    const entry = parseAuditEntry(data);
    if (matches(entry, filter)) found.push(entry);
  }
  return filter.limit === undefined ? found : found.slice(-filter.limit);
}
