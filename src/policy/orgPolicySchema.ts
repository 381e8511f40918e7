import { z } from 'zod';
import { AccountOrAnySchema, AmountMinorSchema, CurrencyCodeSchema } from './bankValues.js';
import { RoleSchema } from './roles.js';

/**
 * EBICS signature classes: E signs alone; A needs a second signature of class A or B; B needs an A; T only
 * transports and never counts towards approval.
 */
export const SIGNATURE_CLASSES = ['E', 'A', 'B', 'T'] as const;
export type SignatureClass = (typeof SIGNATURE_CLASSES)[number];

const Base64Url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected base64url');

/**
 * A hardware key the bank vouches for (issue 12): other users' approvals are verified against these public
 * keys, never against a vault's own table, which whoever holds the data key could write.
 */
export const OrgCredentialSchema = z.strictObject({
  /** The WebAuthn credential id (base64url). */
  id: Base64Url.max(1366),
  /** The credential public key as COSE_Key (RFC 9052 §7), base64url. */
  publicKey: Base64Url.max(4096),
});
export type OrgCredential = z.infer<typeof OrgCredentialSchema>;

export const OrgUserSchema = z.strictObject({
  id: z.string().min(1).max(128),
  name: z.string().min(1).max(200),
  roles: z.array(RoleSchema),
  credentials: z.array(OrgCredentialSchema).max(32).optional(),
});
export type OrgUser = z.infer<typeof OrgUserSchema>;

export const ApproverSchema = z.strictObject({
  userId: z.string().min(1).max(128),
  signatureClass: z.enum(SIGNATURE_CLASSES),
});
export type Approver = z.infer<typeof ApproverSchema>;

/**
 * Who may approve payments from `account` ("*": any account) in `currency` (absent: any currency) whose
 * amount lies in [minAmountMinor, maxAmountMinor] (both inclusive; no max: no upper bound).
 */
export const ApprovalRuleSchema = z.strictObject({
  account: AccountOrAnySchema,
  currency: CurrencyCodeSchema.optional(),
  minAmountMinor: AmountMinorSchema,
  maxAmountMinor: AmountMinorSchema.optional(),
  approvers: z.array(ApproverSchema).min(1),
});
export type ApprovalRule = z.infer<typeof ApprovalRuleSchema>;

/** The organisation policy the bank signs: who the users are, their roles, and the approval rules. */
export const OrgPolicySchema = z.strictObject({
  orgId: z.string().min(1).max(128),
  orgName: z.string().min(1).max(200),
  /** RFC 3339 UTC timestamps, e.g. 2025-01-31T00:00:00Z. */
  issuedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  users: z.array(OrgUserSchema),
  approvalRules: z.array(ApprovalRuleSchema),
  hardwareKeys: z
    .strictObject({
      /** Every user must keep at least one key: the last one cannot be removed. */
      required: z.boolean().optional(),
      /** When set, only authenticators of these models (AAGUID, lower-case UUID) may be enrolled. */
      allowedAaguids: z.array(z.uuid()).max(256).optional(),
      /**
       * What opens a user's vault: the password or a hardware key, each alone (the default), or the password
       * and a hardware key together (one `password-and-key` slot in vault.keys, docs/vault.md).
       */
      unlock: z.enum(['password-or-key', 'password-and-key']).optional(),
      /** How long a step-up stays fresh, at most the default 300 s. */
      stepUpSeconds: z.number().int().min(10).max(300).optional(),
    })
    .optional(),
});
export type OrgPolicy = z.infer<typeof OrgPolicySchema>;
