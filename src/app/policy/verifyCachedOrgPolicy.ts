import { CofferError, type ErrorCode } from '../../contract/index.js';
import type { JwsVerificationKey } from '../../crypto/index.js';
import { verifyOrgPolicy, type OrgPolicy } from '../../policy/index.js';
import type { VaultDatabase } from '../../vault/index.js';
import { vaultTrustAnchor } from '../bank/bankConnection.js';
import { readCachedOrgPolicy } from './cachedOrgPolicy.js';

/**
 * What the session may rely on (docs/permissions.md "Offline"):
 * - `valid`: the user's roles apply in full;
 * - `expired`: the roles are known, but only READ_ONLY_PERMISSIONS pass (writes: POLICY_EXPIRED);
 * - `none`: never enrolled (a freshly initialised vault): its owner is its admin and auditor and nothing else;
 * - `unusable`: badly signed, another organisation's, rolled back, not yet valid, malformed, or missing from a
 *   vault that was enrolled — no roles at all, every command is refused with `code`.
 */
export type PolicyState =
  | { status: 'valid'; policy: OrgPolicy }
  | { status: 'expired'; policy: OrgPolicy; code: 'POLICY_EXPIRED'; message: string }
  | { status: 'none'; code: 'APP_NO_POLICY'; message: string }
  | { status: 'unusable'; code: ErrorCode; message: string };

export interface VerifyCachedOrgPolicyOptions {
  bankKey?: JwsVerificationKey;
  now?: Date;
}

function coded(error: unknown): { code: ErrorCode; message: string } {
  if (error instanceof CofferError && /^(POLICY|CRYPTO)_/.test(error.code)) return { code: error.code, message: error.message };
  return { code: 'POLICY_BAD_POLICY', message: 'the cached organisation policy cannot be read' };
}

/**
 * Verifies the cached policy JWS again, as at every session start: bank signature against the vault's pinned
 * key (the bank key learnt at enrolment; the build's key in a vault no bank enrolled),
 * the enrolled organisation, no rollback below the newest issuedAt seen, validity at `now`.
 */
export async function verifyCachedOrgPolicy(db: VaultDatabase, options: VerifyCachedOrgPolicyOptions = {}): Promise<PolicyState> {
  const cached = readCachedOrgPolicy(db);
  if (cached === undefined) {
    // Ensure deleting the cached policy of an enrolled vault does not turn it into a fresh one.
    if (db.prepare('SELECT 1 FROM organisations LIMIT 1').get() !== undefined) {
      return { status: 'unusable', code: 'POLICY_BAD_POLICY', message: 'expected the organisation policy this enrolled vault received, found none: restore it from the bank' };
    }
    return { status: 'none', code: 'APP_NO_POLICY', message: 'this vault holds no organisation policy yet: enrol with the bank (or run coffer demo seed)' };
  }
  const bankKey = options.bankKey ?? vaultTrustAnchor(db);
  const now = options.now ?? new Date();
  const checks = { orgId: cached.orgId, notIssuedBefore: cached.newestIssuedAt };
  try {
    return { status: 'valid', policy: await verifyOrgPolicy(cached.jws, bankKey, now, checks) };
  } catch (error) {
    const refusal = coded(error);
    if (refusal.code !== 'POLICY_EXPIRED') return { status: 'unusable', ...refusal };
    // Every other check still applies; only the expiry is overlooked, to learn the roles for read-only use.
    const policy = await verifyOrgPolicy(cached.jws, bankKey, now, { ...checks, allowExpired: true });
    return { status: 'expired', policy, code: 'POLICY_EXPIRED', message: `${refusal.message}: read-only until the bank sends a new one` };
  }
}
