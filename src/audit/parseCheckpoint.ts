import { AuditError } from './errors.js';
import { decodeBase64 } from './decodeBase64.js';
import { TREE_HASH_LENGTH } from './treeConstants.js';

/** A tree head as a C2SP tlog-checkpoint body names it. */
export interface Checkpoint {
  /** The log's identity, e.g. `coffer.example/vault/<vault id>`. */
  origin: string;
  /** Number of leaves. */
  size: number;
  /** RFC 9162 root of the first `size` leaves, 32 bytes. */
  rootHash: Uint8Array;
}

// C2SP tlog-checkpoint §Note text: ASCII decimal with no leading zeroes (except the empty tree's "0").
const TREE_SIZE = /^(?:0|[1-9][0-9]*)$/;

/**
 * Parses a C2SP tlog-checkpoint body `origin\nsize\nbase64(root)\n`, strictly: decimal size without
 * leading zeros, a 32-byte root in canonical padded base64, and no extension lines (Coffer writes none,
 * and the spec notes monitors cannot audit them). AUDIT_BAD_CHECKPOINT otherwise.
 */
export function parseCheckpoint(text: string): Checkpoint & { rootHash: Buffer } {
  const lines = text.split('\n');
  // Ensure exactly three lines, each ended by a newline (split leaves one empty string after the last).
  if (lines.length !== 4 || lines[3] !== '') {
    throw new AuditError('AUDIT_BAD_CHECKPOINT', `expected 3 newline-terminated lines, found ${Math.max(lines.length - 1, 0)} lines or no final newline`);
  }
  const [origin, sizeText, rootText] = lines as [string, string, string];
  // Ensure each line holds its field.
  if (origin.length === 0) throw new AuditError('AUDIT_BAD_CHECKPOINT', 'expected a non-empty origin line, found an empty one');
  if (!TREE_SIZE.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    throw new AuditError('AUDIT_BAD_CHECKPOINT', 'expected the tree size in decimal without leading zeros, found another text');
  }
  const rootHash = decodeBase64(rootText);
  if (rootHash === undefined || rootHash.length !== TREE_HASH_LENGTH) {
    throw new AuditError('AUDIT_BAD_CHECKPOINT', `expected the root hash as base64 of ${TREE_HASH_LENGTH} bytes, found another text`);
  }
  return { origin, size: Number(sizeText), rootHash };
}
