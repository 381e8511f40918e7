import { CofferError } from '../../contract/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import type { StepUpOutcome, StepUpRequest, StepUpVerifier } from '../dispatch/stepUp.js';
import { findCredential, recordCredentialUse } from './credentialRecords.js';
import { keyCeremoniesOf } from './keyCeremonies.js';
import { verifyKeyAssertion } from './verifyKeyAssertion.js';

export interface WebAuthnStepUpOptions {
  vault: UnlockedVault;
  now?: () => Date;
}

function credentialIdOf(proof: unknown): string | undefined {
  const id = (proof as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** The key that must sign: one of the acting user's own, not removed. */
function requireOwnKey(vault: UnlockedVault, request: StepUpRequest) {
  const id = credentialIdOf(request.proof);
  if (id === undefined) throw new CofferError('APP_STEP_UP_REQUIRED', `${request.command} needs a hardware-key assertion, and none came with it`);
  const credential = findCredential(vault.db, id);
  // Ensure the key is the acting user's: another user's key, or one removed, signs nothing here.
  if (credential === undefined || credential.userId !== request.userId) throw new CofferError('APP_STEP_UP_FAILED', `key ${id} is not one of ${request.userId}'s keys`);
  if (credential.removedAt !== null) throw new CofferError('APP_STEP_UP_FAILED', `key ${id} was removed on ${credential.removedAt}`);
  return credential;
}

/**
 * The real step-up (issue 12): a user-verified WebAuthn assertion by one of the acting user's keys over the
 * command's challenge — the payment digest for an approval, else a single-use challenge this session issued
 * (`keys.assert-options`) within the step-up window — with a sign counter that grew (a regression means a
 * cloned key: APP_KEY_CLONED). The new counter is stored with an audit entry `keys.use`.
 */
export function webAuthnStepUp(options: WebAuthnStepUpOptions): StepUpVerifier {
  const { vault } = options;
  const clock = options.now ?? (() => new Date());
  return {
    async verify(request: StepUpRequest): Promise<StepUpOutcome> {
      const now = clock();
      const ceremonies = keyCeremoniesOf(vault);
      try {
        const credential = requireOwnKey(vault, request);
        const bound = request.challenge;
        const verified = await verifyKeyAssertion({
          assertion: request.proof,
          // Ensure the assertion signs what the command binds, or a challenge of ours that is fresh and unused.
          expectedChallenge: bound !== undefined ? Buffer.from(bound).toString('base64url') : (challenge) => ceremonies.consume(challenge, 'assert', now),
          rp: ceremonies.rp,
          credential,
        });
        // Ensure the counter grew (WebAuthn §6.1.1): two authenticators with one key cannot both keep it rising.
        if ((credential.signCount > 0 || verified.signCount > 0) && verified.signCount <= credential.signCount) {
          throw new CofferError('APP_KEY_CLONED', `key ${credential.id} signed with counter ${verified.signCount}, expected above ${credential.signCount}: it may have been cloned`);
        }
        vault.transact({ action: 'keys.use', target: credential.id, details: { command: request.command, signCount: verified.signCount }, userId: request.userId }, (db) =>
          recordCredentialUse(db, credential.id, verified.signCount, now),
        );
        return { ok: true, method: `webauthn:${credential.id}`, evidence: { credentialId: credential.id, assertion: verified.assertion } };
      } catch (error) {
        if (error instanceof CofferError) return { ok: false, code: error.code, message: error.message };
        throw error;
      }
    },
  };
}
