import type { OrgPolicy } from '../../policy/index.js';
import type { PolicyState } from '../policy/verifyCachedOrgPolicy.js';

/** The hardware-key rules of the verified policy; none before the vault is enrolled with a bank. */
export function hardwareKeyRules(state: PolicyState): NonNullable<OrgPolicy['hardwareKeys']> {
  return state.status === 'valid' || state.status === 'expired' ? (state.policy.hardwareKeys ?? {}) : {};
}
