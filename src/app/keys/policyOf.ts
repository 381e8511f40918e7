import { CofferError } from '../../contract/index.js';
import { aaguidAllowed, type OrgPolicy } from '../../policy/index.js';
import type { PolicyState } from '../policy/verifyCachedOrgPolicy.js';

/** The hardware-key rules of the verified policy; none before the vault is enrolled with a bank. */
export function hardwareKeyRules(state: PolicyState): NonNullable<OrgPolicy['hardwareKeys']> {
  return state.status === 'valid' || state.status === 'expired' ? (state.policy.hardwareKeys ?? {}) : {};
}

/**
 * Ensure a key is of an authenticator model the organisation allows (`hardwareKeys.allowedAaguids`, when it names
 * some): the rule the gateway applies at enrolment and at POST /v1/credentials, applied here to every key a vault keeps.
 */
export function ensureKeyModelAllowed(hardwareKeys: OrgPolicy['hardwareKeys'], aaguid: string): void {
  if (!aaguidAllowed(hardwareKeys, aaguid)) throw new CofferError('APP_KEY_NOT_ALLOWED', `the organisation policy does not allow authenticators of model ${aaguid}`);
}
