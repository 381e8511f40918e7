import type { JwsVerificationKey } from '../../crypto/index.js';
import type { Capability, Role } from '../../policy/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import { loadCapabilities } from '../policy/loadCapabilities.js';
import { verifyCachedOrgPolicy, type PolicyState } from '../policy/verifyCachedOrgPolicy.js';
import type { StepUpVerifier } from './stepUp.js';

/** One user's working session on an unlocked vault: who they are and what the verified policy gives them. */
export interface Session {
  readonly vault: UnlockedVault;
  /** The vault's user (vault_meta user_id). */
  readonly userId: string;
  /** The user's roles in the verified policy; none when the policy is unusable or does not name the user. */
  readonly roles: readonly Role[];
  readonly capabilities: readonly Capability[];
  readonly policy: PolicyState;
  readonly stepUp: StepUpVerifier | undefined;
  now(): Date;
}

export interface OpenSessionOptions {
  /** Defaults to the checked files of `capabilities/`. */
  capabilities?: readonly Capability[];
  /** Defaults to the pinned BANK_VERIFICATION_KEY. */
  bankKey?: JwsVerificationKey;
  /** The step-up hook (WebAuthn); without it, commands with `stepUp: true` are refused. */
  stepUp?: StepUpVerifier;
  /** The clock; tests move it past a policy's expiry. */
  now?: () => Date;
}

let shipped: readonly Capability[] | undefined;

/**
 * Starts a session: loads the capability files (a bad one throws POLICY_BAD_CAPABILITY and nothing runs),
 * verifies the cached organisation policy, and looks the vault's user up in it. A policy that is not valid
 * is audited here, so the log shows when and why the app went read-only.
 */
export async function openSession(vault: UnlockedVault, options: OpenSessionOptions = {}): Promise<Session> {
  const capabilities = options.capabilities ?? (shipped ??= loadCapabilities());
  const now = options.now ?? (() => new Date());
  const policy = await verifyCachedOrgPolicy(vault.db, { bankKey: options.bankKey, now: now() });
  const userId = vault.userId;
  const roles = policy.status === 'unusable' ? [] : (policy.policy.users.find((user) => user.id === userId)?.roles ?? []);
  if (policy.status !== 'valid' && policy.code !== 'APP_NO_POLICY') {
    vault.record([{ action: 'policy.verify', outcome: 'denied', reason: policy.code, details: { status: policy.status } }]);
  }
  return Object.freeze({ vault, userId, roles: Object.freeze([...roles]), capabilities, policy, stepUp: options.stepUp, now });
}
