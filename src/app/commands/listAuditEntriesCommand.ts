import { boundEnd, boundStart } from '../../api/index.js';
import { parseAuditEntry } from '../../audit/index.js';
import type { AuditEntry } from '../../contract/index.js';
import { readAuditEntries } from '../../vault/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';

/**
 * `audit.log`: entries oldest first, each parsed strictly from the bytes that were hashed. Everyone reads
 * their own (what I did, what I was refused); a role holding `audit:read` reads the whole log.
 */
export const listAuditEntriesCommand = implementCommand('audit.log', {
  run(ctx, input) {
    const scope = ctx.holds('audit:read') ? 'all' : 'own';
    const since = input.since === undefined ? undefined : boundStart(input.since);
    const until = input.until === undefined ? undefined : boundEnd(input.until);
    const matches = (entry: AuditEntry) =>
      (scope === 'all' || entry.actor.userId === ctx.userId) &&
      (input.action === undefined || entry.action === input.action || entry.action.startsWith(`${input.action}.`)) &&
      (input.actor === undefined || entry.actor.userId === input.actor) &&
      (input.target === undefined || entry.target === input.target) &&
      (input.outcome === undefined || entry.outcome === input.outcome) &&
      (since === undefined || entry.time >= since) &&
      (until === undefined || entry.time <= until);
    const entries: AuditEntry[] = [];
    for (const { data } of readAuditEntries(ctx.db)) {
      const entry = parseAuditEntry(data);
      if (matches(entry)) entries.push(entry);
    }
    // Newest last: `offset` leaves out that many from the end, `limit` keeps that many before them.
    const end = Math.max(0, entries.length - input.offset);
    const start = input.limit === undefined ? 0 : Math.max(0, end - input.limit);
    return { scope, total: entries.length, entries: entries.slice(start, end) };
  },
});
