import type { JwsVerificationKey } from '../../crypto/index.js';
import type { Capability, Role } from '../../policy/index.js';
import type { KdfChoice, UnlockedVault } from '../../vault/index.js';
import { shippedCapabilities } from '../policy/shippedCapabilities.js';
import { verifyCachedOrgPolicy, type PolicyState } from '../policy/verifyCachedOrgPolicy.js';
import { hasEnrolledKeys } from '../keys/credentialRecords.js';
import { checkDeviceCertificate } from '../bank/checkDeviceCertificate.js';
import { vaultTrustAnchor } from '../bank/bankConnection.js';
import { CofferError } from '../../contract/index.js';
import type { StepUpVerifier } from './stepUp.js';

/** Where no bank policy governs the vault (before enrolment), its owner looks after it and reads its log. */
export const OWNER_ROLES: readonly Role[] = Object.freeze(['admin', 'auditor'] as const);

/** One user's working session on an unlocked vault: who they are and what the verified policy gives them. */
export interface Session {
  readonly vault: UnlockedVault;
  /** The vault's user (vault_meta user_id). */
  readonly userId: string;
  /** The user's roles in the verified policy; OWNER_ROLES without a policy; none when the policy is unusable. */
  readonly roles: readonly Role[];
  readonly capabilities: readonly Capability[];
  readonly policy: PolicyState;
  /** The bank's verification key this vault trusts: for the policy, and for every bank-signed answer kept in it. */
  readonly bankKey: JwsVerificationKey;
  readonly stepUp: StepUpVerifier | undefined;
  /** Whether the user has enrolled a hardware key: then `once-keys-enrolled` commands need a step-up too. */
  readonly keysEnrolled: boolean;
  /** How new key slots are derived (passwd, recovery code, rekey). */
  readonly kdf: KdfChoice;
  now(): Date;
}

export interface OpenSessionOptions {
  /** Defaults to the capability files embedded in the build. */
  capabilities?: readonly Capability[];
  /** Defaults to the bank key pinned at enrolment, or BANK_VERIFICATION_KEY in a vault no bank enrolled. */
  bankKey?: JwsVerificationKey;
  /** The step-up hook (WebAuthn); without it, commands that need a step-up are refused. */
  stepUp?: StepUpVerifier;
  /** The clock; tests move it past a policy's expiry. */
  now?: () => Date;
  /** Key derivation for new slots; calibrated to about 250 ms when not given. */
  kdf?: KdfChoice;
}

let shipped: readonly Capability[] | undefined;

function rolesOf(policy: PolicyState, userId: string): readonly Role[] {
  if (policy.status === 'none') return OWNER_ROLES;
  if (policy.status === 'unusable') return [];
  return policy.policy.users.find((user) => user.id === userId)?.roles ?? [];
}

/**
 * Starts a session: loads the capability files (a bad one throws POLICY_BAD_CAPABILITY and nothing runs),
 * verifies the cached organisation policy, and looks the vault's user up in it. A policy that is not valid
 * is audited here, so the log shows when and why the app went read-only. In an enrolled vault the device
 * certificate is checked first: a vault whose user, id or key differ from what the bank certified gets no roles,
 * and every command is refused with APP_DEVICE_MISMATCH (audited here as `device.verify`).
 */
export async function openSession(vault: UnlockedVault, options: OpenSessionOptions = {}): Promise<Session> {
  const capabilities = options.capabilities ?? (shipped ??= shippedCapabilities());
  const now = options.now ?? (() => new Date());
  const userId = vault.userId;
  // The bank key pinned at enrolment (the demo key in a vault no bank enrolled): policies and payee checks answer to it.
  const bankKey = options.bankKey ?? vaultTrustAnchor(vault.db);
  let policy = await verifyCachedOrgPolicy(vault.db, { bankKey, now: now() });
  try {
    await checkDeviceCertificate(vault);
    if (policy.status === 'expired' || policy.status === 'unusable') {
      vault.record([{ action: 'policy.verify', outcome: 'denied', reason: policy.code, details: { status: policy.status } }]);
    }
  } catch (error) {
    if (!(error instanceof CofferError) || error.code !== 'APP_DEVICE_MISMATCH') throw error;
    policy = { status: 'unusable', code: error.code, message: error.message };
    vault.record([{ action: 'device.verify', outcome: 'denied', reason: error.code }]);
  }
  return Object.freeze({
    vault,
    userId,
    roles: Object.freeze([...rolesOf(policy, userId)]),
    capabilities,
    policy,
    bankKey,
    stepUp: options.stepUp,
    // Asked at each command: the first key enrolled in this session already guards the next change.
    get keysEnrolled() {
      return !vault.isLocked && hasEnrolledKeys(vault.db, userId);
    },
    kdf: options.kdf ?? {},
    now,
  });
}
