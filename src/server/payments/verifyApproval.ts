import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import type { Kysely } from 'kysely';
import { CofferError, type PaymentApproval } from '../../contract/index.js';
import { sha256 } from '../../crypto/index.js';
import type { RelyingParty } from '../credentials/relyingParty.js';
import type { GatewayDatabase } from '../store/storeSchema.js';
import type { ApprovalBatchDigest } from './approvalChallenge.js';

export interface VerifiedApproval {
  userId: string;
  credentialId: string;
  /** The counter in this assertion. */
  signCount: number;
  /** The counter stored before it: the transaction raises it only from here. */
  storedCount: number;
  assertion: PaymentApproval['assertion'];
  /** The batch it was given in, when it was. */
  batch?: ApprovalBatchDigest;
  /** SHA-256 (base64url) of authenticator data, client data and signature: this very assertion. */
  assertionHash: string;
}

export interface VerifyApprovalOpts {
  orgId: string;
  approval: PaymentApproval;
  /** The payment digest, or the batch digest of `batch`, base64url: the challenge the approver must have signed. */
  challenge: string;
  batch?: ApprovalBatchDigest;
  rp: RelyingParty;
}

/** One assertion's identity: what its signature covers and the signature itself. */
export function assertionHash(assertion: PaymentApproval['assertion']): string {
  const { authenticatorData, clientDataJSON, signature } = assertion.response;
  return sha256(Buffer.from(`${authenticatorData}.${clientDataJSON}.${signature}`, 'utf8')).toString('base64url');
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 300) ?? '';
}

/**
 * One approval checked against the credential the gateway registered (never a key the request brings):
 * the credential is a current user's of this organisation; the assertion (WebAuthn L3 §7.2) names it, its
 * challenge is this payment's digest (or its batch's), origin and rpId are the bank's, UP and UV are set, the
 * signature verifies; the counter grew, unless this very batch assertion was counted for another payment of
 * its batch. The counter is raised later, in the transaction that accepts the payment.
 */
export async function verifyApproval(db: Kysely<GatewayDatabase>, opts: VerifyApprovalOpts): Promise<VerifiedApproval> {
  const { approval } = opts;
  const credential = await db
    .selectFrom('credentials')
    .innerJoin('org_users', (join) => join.onRef('org_users.org_id', '=', 'credentials.org_id').onRef('org_users.user_id', '=', 'credentials.user_id'))
    .select(['credentials.id', 'credentials.user_id', 'credentials.public_key', 'credentials.sign_count'])
    .where('credentials.id', '=', approval.credentialId)
    .where('credentials.org_id', '=', opts.orgId)
    .where('org_users.removed_at', 'is', null)
    .executeTakeFirst();
  // Ensure the key is one the bank registered for a current user of this organisation.
  if (!credential) throw new CofferError('SERVER_UNKNOWN_CREDENTIAL', `expected a credential the bank registered for a current user of ${opts.orgId}, found ${approval.credentialId}`);
  // Ensure the assertion names the key it is checked against (the library checks rawId only).
  if (approval.assertion.id !== credential.id || approval.assertion.rawId !== credential.id) {
    throw new CofferError('SERVER_BAD_APPROVAL', `expected an assertion by credential ${credential.id}, found one by ${approval.assertion.id}`);
  }
  let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verification = await verifyAuthenticationResponse({
      // The library's JSON type is a structural twin of ours (its optional members are looser).
      response: approval.assertion as Parameters<typeof verifyAuthenticationResponse>[0]['response'],
      expectedChallenge: opts.challenge,
      expectedOrigin: opts.rp.origin,
      expectedRPID: opts.rp.rpId,
      // The counter is compared below and raised in the accepting transaction.
      credential: { id: credential.id, publicKey: Buffer.from(credential.public_key, 'base64url') as Uint8Array<ArrayBuffer>, counter: 0 },
      requireUserVerification: true,
    });
  } catch (cause) {
    throw new CofferError('SERVER_BAD_APPROVAL', `the approval by ${credential.user_id} does not verify against ${opts.batch ? "this payment's batch" : 'this payment'}: ${firstLine(cause)}`, { cause });
  }
  // Ensure the signature itself verified (the library answers false rather than throwing for a bad one).
  if (!verification.verified) throw new CofferError('SERVER_BAD_APPROVAL', `the approval by ${credential.user_id} does not verify: bad signature`);
  // Ensure user verification (PIN, biometrics), not only presence: WebAuthn §7.2 step 17.
  if (!verification.authenticationInfo.userVerified) throw new CofferError('SERVER_BAD_APPROVAL', `the approval by ${credential.user_id} lacks user verification (UV flag)`);
  const signCount = verification.authenticationInfo.newCounter;
  const hash = assertionHash(approval.assertion);
  const verified: VerifiedApproval = { userId: credential.user_id, credentialId: credential.id, signCount, storedCount: credential.sign_count, assertion: approval.assertion, assertionHash: hash, ...(opts.batch ? { batch: opts.batch } : {}) };
  if (opts.batch) {
    // The same batch assertion, already counted for another payment of its list: its counter was checked then.
    const counted = await db
      .selectFrom('batch_assertions')
      .select('sign_count')
      .where('credential_id', '=', credential.id)
      .where('batch_digest', '=', opts.batch.digest)
      .where('assertion_hash', '=', hash)
      .executeTakeFirst();
    if (counted) return verified;
  }
  // Ensure the counter grew (WebAuthn §6.1.1); 0 and 0 is an authenticator that keeps none.
  if ((credential.sign_count > 0 || signCount > 0) && signCount <= credential.sign_count) {
    throw new CofferError('SERVER_CREDENTIAL_CLONED', `credential ${credential.id} signed with counter ${signCount}, expected above ${credential.sign_count}: a replayed assertion or a cloned key`);
  }
  return verified;
}
