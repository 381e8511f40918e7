import { parseAuthenticatorData } from '@simplewebauthn/server/helpers';
import { AuthenticationResponseJson, canonicalJson } from '../../contract/index.js';
import { paymentDigest, type Payment } from '../../domain/index.js';
import type { VaultDatabase } from '../../vault/index.js';
import type { ApprovalDigestInputs } from './approvalChallenge.js';
import { findCredential } from './credentialRecords.js';
import { credentialJwk, type PublicJwk } from './credentialJwk.js';
import type { RelyingParty } from './relyingParty.js';
import type { ApprovalProof } from './verifyApprovals.js';

/** The format name of the document `payments.export-approvals` writes (docs/signing.md). */
export const APPROVAL_EXPORT_FORMAT = 'coffer-approvals/v1';

export interface ExportedApproval {
  approvalId: string;
  userId: string;
  signatureClass: string | null;
  createdAt: string;
  rpId: string;
  origin: string;
  /** base64url of the 32 bytes the assertion signs: the payment digest, or the batch digest. */
  expectedChallenge: string;
  /** The sign counter inside the assertion's authenticatorData (0: the authenticator keeps none). */
  counter: number;
  /** The key's counter as this vault stores it now (it only grows); null for a key only the bank's policy vouches for. */
  storedCounter: number | null;
  credential: { id: string; publicKeyJwk: PublicJwk; cosePublicKey: string };
  /** The WebAuthn assertion's standard JSON form (WebAuthn L3 §5.1, AuthenticationResponseJSON), as verified. */
  assertion: AuthenticationResponseJson;
  digestInputs: ApprovalDigestInputs;
}

export interface ApprovalExport {
  format: typeof APPROVAL_EXPORT_FORMAT;
  exportedAt: string;
  payment: { id: string; status: string; digest: string };
  approvals: ExportedApproval[];
}

/**
 * The document an outside WebAuthn library verifies alone: per counted approval, the assertion, the key as a
 * JWK (and as its COSE bytes), rpId, origin, counters, the expected challenge and the digest inputs it is
 * derived from. Holds no secret: public keys, signatures and the payment's bound fields.
 */
export function buildApprovalExport(db: VaultDatabase, rp: RelyingParty, payment: Payment, proofs: readonly ApprovalProof[], now: Date): ApprovalExport {
  const approvals = proofs.map((proof) => {
    const { approval } = proof;
    // Parsed again with the app's schema: it verified a moment ago, so this only narrows the type.
    const assertion = AuthenticationResponseJson.parse(proof.assertion);
    const authenticatorData = parseAuthenticatorData(Buffer.from(assertion.response.authenticatorData, 'base64url') as Uint8Array<ArrayBuffer>);
    const own = findCredential(db, proof.credential.id);
    return {
      approvalId: approval.id,
      userId: approval.userId,
      signatureClass: approval.signatureClass,
      createdAt: approval.createdAt,
      rpId: rp.rpId,
      origin: rp.origin,
      expectedChallenge: proof.challenge.challenge,
      counter: authenticatorData.counter,
      storedCounter: own !== undefined && own.userId === approval.userId ? own.signCount : null,
      credential: {
        id: proof.credential.id,
        publicKeyJwk: credentialJwk(proof.credential.id, proof.credential.publicKey),
        cosePublicKey: Buffer.from(proof.credential.publicKey).toString('base64url'),
      },
      assertion,
      digestInputs: proof.challenge.inputs,
    };
  });
  return { format: APPROVAL_EXPORT_FORMAT, exportedAt: now.toISOString(), payment: { id: payment.id, status: payment.status, digest: paymentDigest(payment).toString('hex') }, approvals };
}

/** The file's bytes: canonical JSON (RFC 8785), so the same approvals always give the same document body. */
export function approvalExportBytes(document: ApprovalExport): Uint8Array {
  return new TextEncoder().encode(`${canonicalJson(document)}\n`);
}
