export { AuditError, type AuditErrorOptions } from './errors.js';

// RFC 9162 §2.1 Merkle tree: hashing, node store, roots and proofs.
export { TREE_HASH_LENGTH, LEAF_HASH_PREFIX, NODE_HASH_PREFIX, emptyTreeRoot } from './treeConstants.js';
export { hashLeaf } from './hashLeaf.js';
export { hashChildren } from './hashChildren.js';
export type { MerkleNode, MerkleNodeReader } from './merkleNodeReader.js';
export { appendLeafNodes } from './appendLeafNodes.js';
export { appendLeafNodesBatch } from './appendLeafNodesBatch.js';
export { MemoryMerkleStore } from './MemoryMerkleStore.js';
export { rootAt } from './rootAt.js';
export { rootFromLeafHashes } from './rootFromLeafHashes.js';
export { inclusionProof } from './inclusionProof.js';
export { consistencyProof } from './consistencyProof.js';
export { verifyInclusion } from './verifyInclusion.js';
export { verifyConsistency } from './verifyConsistency.js';

// C2SP signed notes and tlog checkpoints.
export { noteKeyId } from './noteKeyId.js';
export { formatVerifierKey } from './formatVerifierKey.js';
export { parseVerifierKey, type NoteVerifier } from './parseVerifierKey.js';
export { formatSignerKey } from './formatSignerKey.js';
export { parseSignerKey, type NoteSigner } from './parseSignerKey.js';
export { signNote } from './signNote.js';
export { openNote, type OpenedNote, type NoteSignature } from './openNote.js';
export { formatCheckpoint } from './formatCheckpoint.js';
export { parseCheckpoint, type Checkpoint } from './parseCheckpoint.js';
export { signCheckpoint } from './signCheckpoint.js';
export { openCheckpoint, type OpenedCheckpoint } from './openCheckpoint.js';

// Audit entries and exported bundles.
export { encodeAuditEntry } from './encodeAuditEntry.js';
export { parseAuditEntry } from './parseAuditEntry.js';
export { verifyBundle, type VerifyBundleOptions, type VerifiedBundle } from './verifyBundle.js';
export { DEFAULT_RANGE_SIZE, verifyBundleInRanges, type RangeHasher, type VerifyBundleInRangesOptions } from './verifyBundleInRanges.js';
export { hashEntryRange, hashEntryRangeSteps, type RangeHashes } from './hashEntryRange.js';
export type { PackedEntries } from './packedEntries.js';

// C2SP tlog-witness and tlog-cosignature: what a device sends the bank's witness and what it answers.
export { cosignCheckpoint, cosignerKeyId, verifyCosignature, type Cosigner } from './cosignature.js';
export { formatAddCheckpoint, parseAddCheckpoint, MAX_WITNESS_PROOF_LINES, type AddCheckpointRequest } from './witnessRequest.js';
export { auditOrigin } from './auditOrigin.js';
