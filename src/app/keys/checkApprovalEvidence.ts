import { CofferError } from '../../contract/index.js';
import type { Payment } from '../../domain/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import type { ApprovalEvidence } from '../commands/records/approvalRecords.js';
import type { PolicyState } from '../policy/verifyCachedOrgPolicy.js';
import { approvalChallenge, type ApprovalChallenge } from './approvalChallenge.js';
import { findCredential } from './credentialRecords.js';
import { keyCeremoniesOf } from './keyCeremonies.js';
import { verifyKeyAssertion } from './verifyKeyAssertion.js';

/** What made an approval's evidence hold: the key it verified against and what it signed. */
export interface CheckedEvidence {
  credential: { id: string; publicKey: Uint8Array };
  /** The assertion, parsed. */
  assertion: unknown;
  challenge: ApprovalChallenge;
}

export type EvidenceCheck = { checked: CheckedEvidence; reason?: undefined } | { checked?: undefined; reason: string };

/**
 * The public key an approval must verify against: the approver's key in the bank-signed policy, or for the
 * vault's own user also a key enrolled here. Another user's key is never taken from the vault's own table,
 * which whoever holds the data key can write (issue 12 item 4), nor from another user's entry in the policy.
 */
function approverKey(vault: UnlockedVault, policy: PolicyState, userId: string, credentialId: string): { id: string; publicKey: Uint8Array } | undefined {
  const signed = policy.status === 'valid' || policy.status === 'expired' ? policy.policy.users.find((user) => user.id === userId)?.credentials : undefined;
  const vouched = signed?.find((credential) => credential.id === credentialId);
  if (vouched !== undefined) return { id: vouched.id, publicKey: Buffer.from(vouched.publicKey, 'base64url') };
  if (userId !== vault.userId) return undefined;
  const own = findCredential(vault.db, credentialId);
  return own !== undefined && own.userId === userId ? own : undefined;
}

/**
 * Checks one approval's evidence by `userId` over `payment` as it is now (docs/signing.md): the key is that
 * user's (approverKey), the challenge is re-derived from the payment (for a batch, the batch digest of the
 * recorded batch, which must hold this payment as it is now), and the assertion verifies with that key. Answers
 * why not, never throws for a bad approval: a stored one and one relayed from another vault are judged alike.
 */
export async function checkApprovalEvidence(vault: UnlockedVault, policy: PolicyState, userId: string, evidence: Omit<ApprovalEvidence, 'approvalId'> | undefined, payment: Payment): Promise<EvidenceCheck> {
  if (evidence === undefined) return { reason: 'it carries no hardware-key assertion' };
  const credential = approverKey(vault, policy, userId, evidence.credentialId);
  if (credential === undefined) return { reason: `key ${evidence.credentialId} is not a key of ${userId} that the bank or this vault vouches for` };
  let assertion: unknown;
  try {
    assertion = JSON.parse(evidence.assertion);
  } catch {
    return { reason: 'its stored assertion is not JSON' };
  }
  try {
    // The challenge comes from the payment as it is now (and, for a batch, the batch recorded with it).
    const challenge = approvalChallenge(evidence.digestInputs, payment);
    await verifyKeyAssertion({ assertion, expectedChallenge: challenge.challenge, rp: keyCeremoniesOf(vault).rp, credential });
    return { checked: { credential, assertion, challenge } };
  } catch (error) {
    if (error instanceof CofferError) return { reason: error.message };
    throw error;
  }
}
