import { z } from 'zod';
import { AuditEntry, AuditOutcome } from '../contract/index.js';
import { commandSpec } from './commandSpec.js';
import { FileOutput } from './fields.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A bound of `audit.log`: a day (YYYY-MM-DD) or an instant (ISO 8601 with zone); anything else is refused. */
const TimeBound = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'expected a date YYYY-MM-DD or an ISO 8601 time like 2026-12-01T08:00:00Z' });

export const auditLog = commandSpec({
  name: 'audit.log',
  permission: 'audit:read-own',
  summary: "audit entries, oldest first: one's own, or all of them for the auditor",
  input: z
    .strictObject({
      /** An action or an action prefix (`payments` matches `payments.create`). */
      action: z.string().min(1).max(64).optional(),
      actor: z.string().min(1).max(128).optional(),
      /** What the entry was about, exactly (a payment id, an IBAN): one payment's trail. */
      target: z.string().min(1).max(128).optional(),
      outcome: AuditOutcome.optional(),
      since: TimeBound.optional(),
      until: TimeBound.optional(),
      /** Only the newest `limit` matches. */
      limit: z.number().int().min(1).max(1_000_000).optional(),
      /** Leave out the newest `offset` matches first: with `limit`, pages from the newest back. */
      offset: z.number().int().min(0).max(100_000_000).default(0),
    })
    .refine((input) => input.since === undefined || input.until === undefined || boundStart(input.since) <= boundEnd(input.until), {
      path: ['until'],
      message: 'expected until on or after since',
    }),
  /** `total`: all matches, before `offset` and `limit`. */
  output: z.strictObject({ scope: z.enum(['all', 'own']), total: z.number().int(), entries: z.array(AuditEntry) }),
  stepUp: 'never',
  changes: false,
});

/** The first instant a bound admits, as an ISO string in UTC ("2026-12-01" → midnight). */
export function boundStart(bound: string): string {
  return DAY.test(bound) ? `${bound}T00:00:00.000Z` : new Date(bound).toISOString();
}

/** The last instant a bound admits ("2026-12-01" → the day's last millisecond). */
export function boundEnd(bound: string): string {
  return DAY.test(bound) ? `${bound}T23:59:59.999Z` : new Date(bound).toISOString();
}

const Verification = z.strictObject({
  verified: z.literal(true),
  /** Records of the audited tables checked against the log (a vault's verification; a bundle has none). */
  records: z.number().int().optional(),
  origin: z.string(), size: z.number().int(), rootHash: z.string(), checkpoints: z.number().int(), verifierKey: z.string(),
  /** An enrolled vault's: the largest size the bank's witness cosigned, and how many cosignatures were checked. */
  witnessedSize: z.number().int().optional(),
  cosignatures: z.number().int().optional() });

export const auditVerify = commandSpec({
  name: 'audit.verify',
  permission: 'audit:verify',
  summary: 'recompute the whole log and every stored tree node, and check every signed checkpoint',
  input: z.strictObject({
    /** The device verifier key the log must be signed with (a note verifier key); the vault's own when absent. */
    trustedKey: z.string().min(1).max(512).optional(),
  }),
  output: Verification,
  stepUp: 'never',
  changes: false,
  long: true,
});

export const auditExport = commandSpec({
  name: 'audit.export',
  permission: 'audit:export',
  summary: 'the log as a coffer-audit-bundle/v1 file that anyone can verify without the vault',
  input: z.strictObject({}),
  output: z.strictObject({ file: FileOutput, entries: z.number().int(), checkpoints: z.number().int(), verifierKey: z.string() }),
  stepUp: 'never',
  changes: true,
  long: true,
});

export const auditProve = commandSpec({
  name: 'audit.prove',
  permission: 'audit:read',
  summary: 'inclusion proof of one entry (RFC 9162 §2.1.3) in the tree of the latest checkpoint',
  input: z.strictObject({ index: z.number().int().min(0) }),
  output: z.strictObject({
    leafIndex: z.number().int(),
    treeSize: z.number().int(),
    leafHash: z.string(),
    hashes: z.array(z.string()),
    rootHash: z.string(),
    checkpoint: z.string(),
    entry: z.string(),
  }),
  stepUp: 'never',
  changes: false,
});

export const auditCheckpoint = commandSpec({
  name: 'audit.checkpoint',
  permission: 'audit:read',
  summary: 'the latest signed checkpoint (C2SP signed note) and the verifier key it is signed with',
  input: z.strictObject({}),
  output: z.strictObject({ checkpoint: z.string(), verifierKey: z.string(), size: z.number().int() }),
  stepUp: 'never',
  changes: false,
});

export type AuditVerification = z.infer<typeof Verification>;
