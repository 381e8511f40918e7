import { signJws, type JwsSigningKey } from '../crypto/index.js';
import type { OrgPolicy } from './orgPolicySchema.js';
import { parseOrgPolicy } from './parseOrgPolicy.js';

/**
 * The JWS `typ` of an organisation policy. The bank signs other things with the same key (release
 * manifests, enrolment answers); a pinned typ keeps one of those from being replayed as a policy.
 */
export const ORG_POLICY_JWS_TYPE = 'coffer-org-policy+jws';

/** The bank's side: checks the policy as the app will, then signs it as a compact JWS. */
export async function signOrgPolicy(policy: OrgPolicy, bankSigningKey: JwsSigningKey): Promise<string> {
  const checked = parseOrgPolicy(policy);
  return signJws(new TextEncoder().encode(JSON.stringify(checked)), bankSigningKey, { typ: ORG_POLICY_JWS_TYPE });
}
