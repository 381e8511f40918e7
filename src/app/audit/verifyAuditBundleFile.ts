import { readFileSync, statSync } from 'node:fs';
import { AuditError, verifyBundle } from '../../audit/index.js';

const MAX_BUNDLE_BYTES = 1024 ** 3;

/** Verifies an exported bundle file with no vault and no password, optionally pinned to a known device key. */
export function verifyAuditBundleFile(path: string, options: { trustedVerifierKey?: string; onProgress?: (done: number, total: number) => void } = {}) {
  let text: string;
  try {
    if (statSync(path).size > MAX_BUNDLE_BYTES) throw new AuditError('AUDIT_BAD_BUNDLE', `${path} is larger than 1 GiB`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof AuditError) throw error;
    throw new AuditError('AUDIT_BAD_BUNDLE', `cannot read the bundle file ${path}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new AuditError('AUDIT_BAD_BUNDLE', `${path} is not JSON (truncated?)`, { cause });
  }
  const { tree: _tree, ...verified } = verifyBundle(json, options);
  return { ...verified, rootHash: verified.rootHash.toString('base64') };
}
