import { AuditError } from '../../audit/index.js';
import { CofferError, isErrorCode, type ErrorCode } from '../../contract/index.js';

/**
 * A CofferError as plain data: structured cloning keeps an Error's message but not its class, `code`,
 * `index` or `size`, so errors cross between threads in this form.
 */
export interface WireError {
  code: ErrorCode;
  message: string;
  index?: number;
  size?: number;
}

/** A thrown value as it may leave a worker: its code and message if it is ours, APP_INTERNAL without its text if not. */
export function toWireError(error: unknown): WireError {
  if (!(error instanceof CofferError)) return { code: 'APP_INTERNAL', message: 'a worker failed unexpectedly' };
  const { index, size } = error as Partial<AuditError>;
  return { code: error.code, message: error.message, ...(index === undefined ? {} : { index }), ...(size === undefined ? {} : { size }) };
}

/** The error a worker reported, rebuilt: an AuditError (with where it was found) for an audit finding. */
export function fromWireError(wire: WireError): CofferError {
  const code = isErrorCode(wire.code) ? wire.code : 'APP_INTERNAL';
  if (code.startsWith('AUDIT_')) {
    return new AuditError(code as AuditError['code'], wire.message, { ...(wire.index === undefined ? {} : { index: wire.index }), ...(wire.size === undefined ? {} : { size: wire.size }) });
  }
  return new CofferError(code, wire.message);
}
