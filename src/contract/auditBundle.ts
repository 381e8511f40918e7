import { z } from 'zod';

/** File format of an exported audit log, version 1. Documented in docs/audit.md. */
export const AUDIT_BUNDLE_FORMAT = 'coffer-audit-bundle/v1';

// RFC 4648 §4 base64 alphabet; the audit layer decodes strictly (length, padding, trailing bits).
// A plain character class: a quantified group pattern risks regex stack overflow on large entries.
const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');

export const AuditBundleEntry = z.strictObject({
  /** 0-based leaf index; a bundle lists entries 0..n-1 in order. */
  index: z.int().nonnegative(),
  /** base64 of the exact entry bytes that were hashed into the leaf (canonical JSON of an AuditEntry). */
  data: Base64,
});
export type AuditBundleEntry = z.infer<typeof AuditBundleEntry>;

export const AuditBundle = z.strictObject({
  format: z.literal(AUDIT_BUNDLE_FORMAT),
  /** The log's identity; every checkpoint's origin line must equal it. */
  origin: z.string().min(1),
  /** C2SP verifier key `name+hexkeyid+base64(0x01 ‖ Ed25519 public key)` of the device that signed. */
  verifierKey: z.string().min(1),
  entries: z.array(AuditBundleEntry),
  /** C2SP signed notes holding tlog-checkpoint bodies, oldest first; the last covers every entry. */
  checkpoints: z.array(z.string()),
  /** The bank witness's cosigned checkpoints (C2SP signed notes); not yet checked by verifyBundle. */
  cosignatures: z.array(z.string()),
});
export type AuditBundle = z.infer<typeof AuditBundle>;
