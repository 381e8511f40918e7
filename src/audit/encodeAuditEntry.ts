import { AuditEntry, canonicalJson } from '../contract/index.js';
import { describeIssue } from './describeIssue.js';
import { AuditError } from './errors.js';

/**
 * The leaf bytes of an audit entry: UTF-8 of its RFC 8785 canonical JSON, so every writer and
 * verifier derives the same bytes (and the same leaf hash) from the same entry. AUDIT_BAD_ENTRY if
 * the entry breaks the schema.
 */
export function encodeAuditEntry(entry: AuditEntry): Buffer {
  // Ensure only schema-valid, plain-JSON entries reach the log: a bad one could never be verified.
  const parsed = AuditEntry.safeParse(entry);
  if (!parsed.success) {
    throw new AuditError('AUDIT_BAD_ENTRY', `expected an audit entry, found one with ${describeIssue(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  return Buffer.from(canonicalJson(parsed.data), 'utf8');
}
