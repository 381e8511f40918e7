import { AuditEntry, canonicalJson, describeZodIssue } from '../contract/index.js';
import { canonicalEntryText } from './canonicalEntryText.js';
import { AuditError } from './errors.js';

/**
 * The RFC 8785 canonical JSON text of an audit entry; AUDIT_BAD_ENTRY if it breaks the schema.
 * Plain entries take the direct writer; anything it cannot vouch for is parsed by the schema, which
 * gives the message, and canonicalized generically.
 */
export function auditEntryText(entry: unknown): string {
  const text = canonicalEntryText(entry);
  if (text !== undefined) return text;
  // Ensure only schema-valid, plain-JSON entries reach the log: a bad one could never be verified.
  const parsed = AuditEntry.safeParse(entry);
  if (!parsed.success) {
    throw new AuditError('AUDIT_BAD_ENTRY', `expected an audit entry, found one with ${describeZodIssue(parsed.error).text}`, {
      cause: parsed.error,
    });
  }
  return canonicalJson(parsed.data);
}
