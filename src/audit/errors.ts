import { CofferError, type AuditErrorCode } from '../contract/index.js';

export interface AuditErrorOptions {
  cause?: unknown;
  /** Position of the entry or checkpoint (in its list) where verification failed. */
  index?: number;
  /** Tree size at which verification failed, e.g. the size of a checkpoint whose root differs. */
  size?: number;
}

/** An audit finding: a CofferError that also says where in the log (entry or checkpoint position, tree size). */
export class AuditError extends CofferError<AuditErrorCode> {
  override readonly name = 'AuditError';
  readonly index?: number;
  readonly size?: number;

  constructor(code: AuditErrorCode, message: string, options: AuditErrorOptions = {}) {
    super(code, message, options.cause === undefined ? undefined : { cause: options.cause });
    if (options.index !== undefined) this.index = options.index;
    if (options.size !== undefined) this.size = options.size;
  }
}
