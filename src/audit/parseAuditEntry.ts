import { isUtf8 } from 'node:buffer';
import type { AuditEntry } from '../contract/index.js';
import { auditEntryText } from './auditEntryText.js';
import { AuditError } from './errors.js';

/**
 * Reads leaf bytes back as an audit entry, strictly: UTF-8 JSON that matches the schema and is byte
 * for byte its own RFC 8785 canonical form. The canonical check refuses duplicate keys and other
 * texts that two JSON readers could understand differently, so what was hashed is what is shown.
 * AUDIT_BAD_ENTRY otherwise.
 */
export function parseAuditEntry(bytes: Uint8Array): AuditEntry {
  // Ensure the bytes are UTF-8: a lenient decoder would turn a broken sequence into U+FFFD unnoticed.
  if (!isUtf8(bytes)) throw new AuditError('AUDIT_BAD_ENTRY', 'expected entry bytes in UTF-8, found an invalid sequence');
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AuditError('AUDIT_BAD_ENTRY', 'expected entry bytes holding JSON, found text that does not parse', { cause: error });
  }
  // Ensure the JSON is an audit entry (AUDIT_BAD_ENTRY from the encoder otherwise) and the text is
  // exactly its canonical encoding: one comparison covers key order, duplicates, spacing and escapes.
  if (auditEntryText(json) !== text) {
    throw new AuditError('AUDIT_BAD_ENTRY', 'expected entry bytes in RFC 8785 canonical JSON, found another encoding');
  }
  return json as AuditEntry;
}
