/** Stable codes of the audit layer; callers branch on `code`, never on the message. */
export type AuditErrorCode =
  /** A computed Merkle root differs from the one claimed (by a checkpoint or a proof's caller). */
  | 'AUDIT_ROOT_MISMATCH'
  /** A signature from a known key does not verify, or a checkpoint is not signed by the expected key. */
  | 'AUDIT_BAD_SIGNATURE'
  /** A note carries no signature from any known key. */
  | 'AUDIT_UNKNOWN_SIGNER'
  /** Two tree heads cannot both be views of one append-only log. */
  | 'AUDIT_INCONSISTENT'
  /** Entries a checkpoint covers are missing, or entries are not covered by any checkpoint. */
  | 'AUDIT_TRUNCATED'
  /** A proof, or an argument given with it, is malformed (length, sizes, index, hash length). */
  | 'AUDIT_BAD_PROOF'
  /** A signed note breaks the C2SP signed-note syntax. */
  | 'AUDIT_BAD_NOTE'
  /** A checkpoint body breaks the C2SP tlog-checkpoint syntax, or names another log. */
  | 'AUDIT_BAD_CHECKPOINT'
  /** A verifier or signer key string is malformed or its key id does not match. */
  | 'AUDIT_BAD_KEY'
  /** A bundle does not match the coffer-audit-bundle/v1 schema. */
  | 'AUDIT_BAD_BUNDLE'
  /** Entry bytes are not a canonical JSON audit entry, or its `seq` is not its position. */
  | 'AUDIT_BAD_ENTRY'
  /** Entries are not numbered 0..n-1 in order. */
  | 'AUDIT_OUT_OF_ORDER'
  /** A tree hash given to the node store or the tree functions is not 32 bytes. */
  | 'AUDIT_BAD_HASH'
  /** The node store lacks a node the tree of the asked size must have. */
  | 'AUDIT_MISSING_NODE'
  /** An index or tree size asked of the node store is outside the tree. */
  | 'AUDIT_OUT_OF_RANGE';

export interface AuditErrorOptions {
  cause?: unknown;
  /** Position of the entry or checkpoint (in its list) where verification failed. */
  index?: number;
  /** Tree size at which verification failed, e.g. the size of a checkpoint whose root differs. */
  size?: number;
}

export class AuditError extends Error {
  override readonly name = 'AuditError';
  readonly index?: number;
  readonly size?: number;

  constructor(
    readonly code: AuditErrorCode,
    message: string,
    options: AuditErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    if (options.index !== undefined) this.index = options.index;
    if (options.size !== undefined) this.size = options.size;
  }
}
