import { verifyJws, type JwsVerificationKey } from '../crypto/index.js';
import type { OrgPolicy } from './orgPolicySchema.js';
import { parseOrgPolicy } from './parseOrgPolicy.js';
import { ORG_POLICY_JWS_TYPE } from './signOrgPolicy.js';
import { CofferError } from '../contract/index.js';

/** How far the device clock may run behind the bank's before a fresh policy looks issued in the future. */
export const POLICY_CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface VerifyOrgPolicyOptions {
  /** The organisation this device is enrolled in: another organisation's valid policy is refused. */
  orgId?: string;
  /** issuedAt of the newest policy seen so far: an older one (a rollback to revoked rights) is refused. */
  notIssuedBefore?: string;
  /** Return an expired policy instead of throwing, for offline read-only mode; every other check still applies. */
  allowExpired?: boolean;
}

async function verifySignature(jws: string, bankPublicKey: JwsVerificationKey): Promise<Uint8Array> {
  try {
    return (await verifyJws(jws, bankPublicKey, { typ: ORG_POLICY_JWS_TYPE })).payload;
  } catch (cause) {
    const found = cause instanceof Error ? cause.message : 'an unreadable token';
    throw new CofferError('POLICY_BAD_SIGNATURE', `expected an organisation policy signed by the bank's ${bankPublicKey.alg} key: ${found}`, { cause });
  }
}

function decodePayload(payload: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload)) as unknown;
  } catch (cause) {
    throw new CofferError('POLICY_BAD_POLICY', 'expected the signed organisation policy to be UTF-8 JSON, found something else', { cause });
  }
}

function checkOrganisation(policy: OrgPolicy, options: VerifyOrgPolicyOptions): void {
  if (options.orgId !== undefined && policy.orgId !== options.orgId) {
    throw new CofferError('POLICY_WRONG_ORG', `expected the policy of organisation ${options.orgId}, found one for ${policy.orgId}`);
  }
  if (options.notIssuedBefore !== undefined && Date.parse(policy.issuedAt) < Date.parse(options.notIssuedBefore)) {
    throw new CofferError('POLICY_STALE', `expected a policy issued at or after ${options.notIssuedBefore}, found one issued at ${policy.issuedAt}`);
  }
}

function checkValidity(policy: OrgPolicy, now: Date, allowExpired: boolean): void {
  const at = now.getTime();
  // Ensure the clock reading is a time: NaN compares false with everything and would never expire.
  if (Number.isNaN(at)) throw new CofferError('POLICY_BAD_REQUEST', 'expected the current time, found an invalid Date');
  if (Date.parse(policy.issuedAt) > at + POLICY_CLOCK_SKEW_MS) {
    throw new CofferError('POLICY_NOT_YET_VALID', `expected a policy issued by ${now.toISOString()}, found issuedAt ${policy.issuedAt}`);
  }
  // No grace period on expiry: the bank sets expiresAt knowing devices may be offline.
  if (!allowExpired && at >= Date.parse(policy.expiresAt)) {
    throw new CofferError('POLICY_EXPIRED', `expected a policy valid at ${now.toISOString()}, found one that expired at ${policy.expiresAt}`);
  }
}

/**
 * Verifies the bank's signature on an organisation policy (compact JWS, alg pinned by the key, typ pinned)
 * and returns the policy. Throws POLICY_BAD_SIGNATURE (tampered, wrong key, alg none or any other alg,
 * wrong typ), POLICY_BAD_POLICY, POLICY_WRONG_ORG, POLICY_STALE, POLICY_NOT_YET_VALID or POLICY_EXPIRED.
 */
export async function verifyOrgPolicy(
  jws: string,
  bankPublicKey: JwsVerificationKey,
  now: Date,
  options: VerifyOrgPolicyOptions = {},
): Promise<OrgPolicy> {
  const payload = await verifySignature(jws, bankPublicKey);
  const policy = parseOrgPolicy(decodePayload(payload));
  checkOrganisation(policy, options);
  checkValidity(policy, now, options.allowExpired === true);
  return policy;
}
