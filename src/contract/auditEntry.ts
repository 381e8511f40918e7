import { z } from 'zod';

/** How the audited attempt ended: done, refused by policy, or broken by an error. */
export const AuditOutcome = z.enum(['allowed', 'denied', 'failed']);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

export const AuditActor = z.strictObject({
  userId: z.string().min(1),
  deviceId: z.string().min(1),
});
export type AuditActor = z.infer<typeof AuditActor>;

/**
 * One audit log entry. Its leaf bytes are the RFC 8785 canonical JSON of this object (see
 * docs/audit.md), so every field is plain JSON: no undefined, no Date, no non-finite number.
 */
export const AuditEntry = z.strictObject({
  /** 0-based position of the entry in the log: its Merkle leaf index. */
  seq: z.int().nonnegative(),
  /** RFC 3339 UTC time, e.g. 2024-05-01T12:00:00.000Z. */
  time: z.iso.datetime(),
  actor: AuditActor,
  /** The command or event, in the bank's words, e.g. `payments.approve`. */
  action: z.string().min(1),
  /** What the action was about (a payment id, an account IBAN), or null. */
  target: z.string().nullable(),
  outcome: AuditOutcome,
  /** Why it was denied or failed (an error code), or null. */
  reason: z.string().nullable(),
  /** Further facts; never secrets (no keys, passwords, tokens, balances). */
  details: z.record(z.string(), z.json()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
