import type { CommandInput, CommandName, CommandOutput, DispatchResult } from '../../api/index.js';
import { PERMISSIONS } from '../../contract/index.js';
import { holdsPermission } from '../../policy/index.js';
import { opensWithPasswordAndKey, unlockVault, type UnlockedVault, type VaultSecret } from '../../vault/index.js';
import { dispatchUnknown } from '../dispatch/dispatch.js';
import { openSession, type OpenSessionOptions, type Session } from '../dispatch/openSession.js';
import type { DispatchOptions } from '../dispatch/runCommand.js';
import { deliverFile } from '../files/deliverFile.js';
import { demoAuthenticatorFor } from '../demo/demoAuthenticator.js';
import { configureKeyCeremonies } from '../keys/keyCeremonies.js';
import { hardwareKeyRules } from '../keys/policyOf.js';
import { readBankConnection, vaultTrustAnchor } from '../bank/bankConnection.js';
import type { JwsVerificationKey } from '../../crypto/index.js';
import { webAuthnStepUp } from '../keys/webAuthnStepUp.js';
import type { AppDispatchOptions, AppSession, SessionFacts } from './appSession.js';

export interface OpenAppSessionOptions extends OpenSessionOptions {
  /** Lock after the vault's idle time (the desktop); false keeps it open until `lock()` (one CLI command). */
  autoLock?: boolean;
  /** Lock after at most this idle time, even if the vault's setting is longer (a kiosk, a test). */
  maxIdleMs?: number;
  /** The WebAuthn relying party (the bank's domain; the window's origin is https://desktop.<rpId>); default bank.example. */
  rpId?: string;
  /**
   * Record the unlock in the audit log. Only `audit verify` turns this off, so that a log too damaged to
   * append to can still be examined.
   */
  recordUnlock?: boolean;
}

/** Where the policy asks for the password and a key together and the vault still opens with either alone. */
function unlockModeNotice(session: Session, vault: UnlockedVault): string[] {
  if (hardwareKeyRules(session.policy).unlock !== 'password-and-key' || opensWithPasswordAndKey(vault)) return [];
  return ['your organisation requires the password and a hardware key together to unlock this vault; it still opens with either alone until you turn that on (keys.require-password-and-key)'];
}

function factsOf(session: Session, vault: UnlockedVault): SessionFacts {
  const { policy } = session;
  return {
    vaultId: vault.vaultId,
    userId: session.userId,
    roles: [...session.roles],
    permissions: PERMISSIONS.filter((permission) => policy.status !== 'unusable' && holdsPermission(session.capabilities, session.roles, permission, policy.status === 'expired')),
    policy: policy.status === 'valid' ? { status: 'valid', code: null, message: null } : { status: policy.status, code: policy.code, message: policy.message },
    failedAttempts: vault.failedAttempts.length,
    enrolled: readBankConnection(vault.db) !== undefined,
    notices: [...vault.notices, ...unlockModeNotice(session, vault)],
    lockAfterMs: vault.autoLockMs,
  };
}

function dispatchOptions(options: AppDispatchOptions, vault: UnlockedVault): DispatchOptions {
  const { deliverTo, unattended: _unattended, ...rest } = options;
  return deliverTo === undefined ? rest : { ...rest, deliver: (file) => deliverFile(file.bytes, deliverTo, vault.paths.dir) };
}

/**
 * An app session in this thread, on an unlocked vault: what tests use, and what the session worker runs.
 * `trustAnchor`: the key the session's policy was verified with, which decides whether this is a demo vault.
 */
export function localAppSession(session: Session, trustAnchor: JwsVerificationKey = vaultTrustAnchor(session.vault.db), renew?: () => Promise<AppSession>): AppSession {
  const { vault } = session;
  const facts = Object.freeze(factsOf(session, vault));
  const demoAuthenticator = demoAuthenticatorFor(session, trustAnchor);
  const dispatch = (name: unknown, input: unknown, options: AppDispatchOptions = {}) => {
    const run = () => dispatchUnknown(session, name, input, dispatchOptions(options, vault));
    return options.unattended === true ? vault.unattended(run) : run();
  };
  return {
    facts,
    get isLocked() {
      return vault.isLocked;
    },
    // Only while open: a locked session hands out no key.
    get demoAuthenticator() {
      return vault.isLocked ? undefined : demoAuthenticator;
    },
    dispatch: <Name extends CommandName>(name: Name, input: CommandInput<Name>, options?: AppDispatchOptions) =>
      // The registry pairs each name with the implementation of its spec, so the output has that spec's type.
      dispatch(name, input, options) as Promise<DispatchResult<CommandOutput<Name>>>,
    dispatchUntrusted: <Name extends CommandName>(name: Name, input: unknown, options?: AppDispatchOptions) =>
      dispatch(name, input, options) as Promise<DispatchResult<CommandOutput<Name>>>,
    dispatchUnknown: dispatch,
    ...(renew === undefined ? {} : { renew }),
    lock: () => Promise.resolve(vault.lock()),
    onLock: (listener) => vault.onLock(listener),
  };
}

/** Unlocks the vault in `dir` with a password or recovery code and opens a session on it, in this thread. */
export async function openLocalAppSession(dir: string, secret: VaultSecret, options: OpenAppSessionOptions = {}): Promise<AppSession> {
  const { autoLock = true, recordUnlock, maxIdleMs, rpId, ...sessionOptions } = options;
  const vault = await unlockVault(dir, secret, { ...(autoLock ? {} : { autoLockMs: null }), ...(recordUnlock === false ? { recordUnlock } : {}) });
  if (maxIdleMs !== undefined) vault.limitAutoLock(maxIdleMs);
  try {
    configureKeyCeremonies(vault, rpId);
    // The hardware-key step-up: the desktop passes the browser's assertion as the `stepUpProof`.
    const stepUp = sessionOptions.stepUp ?? webAuthnStepUp({ vault, now: sessionOptions.now });
    // The trust anchor is read again on renewal: enrolment pins the bank's key in place of the build's.
    const open = async (): Promise<AppSession> => localAppSession(await openSession(vault, { ...sessionOptions, stepUp }), sessionOptions.bankKey ?? vaultTrustAnchor(vault.db), renewal);
    const renewal = async (): Promise<AppSession> => {
      vault.refreshUser();
      return open();
    };
    return await open();
  } catch (error) {
    vault.lock();
    throw error;
  }
}
