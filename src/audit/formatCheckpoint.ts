import { AuditError } from './errors.js';
import { isValidNoteText } from './isValidNoteText.js';
import type { Checkpoint } from './parseCheckpoint.js';
import { TREE_HASH_LENGTH } from './treeConstants.js';
import { isTreeCount } from './treeShape.js';

/** C2SP tlog-checkpoint body: `origin\nsize\nbase64(root)\n`, with no extension lines. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash } = checkpoint;
  // Ensure the body parses back to the same tree head: one-line origin, integer size, tree-hash root.
  if (origin.length === 0 || origin.includes('\n') || !isValidNoteText(origin)) {
    throw new AuditError('AUDIT_BAD_CHECKPOINT', 'expected a non-empty one-line origin without control characters, found another');
  }
  if (!isTreeCount(size)) throw new AuditError('AUDIT_BAD_CHECKPOINT', `expected the tree size as a non-negative integer, found ${size}`);
  if (rootHash.length !== TREE_HASH_LENGTH) {
    throw new AuditError('AUDIT_BAD_CHECKPOINT', `expected a ${TREE_HASH_LENGTH}-byte root hash, found ${rootHash.length} bytes`);
  }
  return `${origin}\n${size}\n${Buffer.from(rootHash).toString('base64')}\n`;
}
