import type { AuditVerification } from '../../api/index.js';
import { AuditError } from '../../audit/index.js';
import { verifyBundleInWorkers } from './verifyBundleInWorkers.js';

export interface VerifyBundleBytesOptions {
  /** The device verifier key the bundle must carry; without it the bundle is checked against its own key. */
  trustedVerifierKey?: string;
  onProgress?: (done: number, total: number) => void;
  /** Cancels the verification (APP_CANCELLED). */
  signal?: AbortSignal;
}

/**
 * Verifies an exported bundle with no vault and no password, optionally pinned to a known device key; the
 * entries are checked and hashed on worker threads.
 */
export async function verifyAuditBundleBytes(bytes: Uint8Array, options: VerifyBundleBytesOptions = {}): Promise<Omit<AuditVerification, 'verifierKey'> & { verifierKey?: string }> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    throw new AuditError('AUDIT_BAD_BUNDLE', 'expected a JSON audit bundle, found something else (truncated?)', { cause });
  }
  const { tree: _tree, ...verified } = await verifyBundleInWorkers(json, options);
  const verifierKey = (json as { verifierKey?: unknown }).verifierKey;
  return { verified: true, ...verified, rootHash: verified.rootHash.toString('base64'), ...(typeof verifierKey === 'string' ? { verifierKey } : {}) };
}
