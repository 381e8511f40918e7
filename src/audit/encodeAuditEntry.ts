import type { AuditEntry } from '../contract/index.js';
import { auditEntryText } from './auditEntryText.js';

/**
 * The leaf bytes of an audit entry: UTF-8 of its RFC 8785 canonical JSON, so every writer and
 * verifier derives the same bytes (and the same leaf hash) from the same entry. AUDIT_BAD_ENTRY if
 * the entry breaks the schema.
 */
export function encodeAuditEntry(entry: AuditEntry): Buffer {
  return Buffer.from(auditEntryText(entry), 'utf8');
}
