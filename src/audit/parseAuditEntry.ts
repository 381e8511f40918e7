import { isUtf8 } from 'node:buffer';
import { AuditEntry, canonicalJson } from '../contract/index.js';
import { describeIssue } from './describeIssue.js';
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
  // Ensure the JSON is an audit entry.
  const parsed = AuditEntry.safeParse(json);
  if (!parsed.success) {
    throw new AuditError('AUDIT_BAD_ENTRY', `expected an audit entry, found one with ${describeIssue(parsed.error)}`, { cause: parsed.error });
  }
  // Ensure the text is the canonical encoding.
  if (!isCanonical(json, text)) {
    throw new AuditError('AUDIT_BAD_ENTRY', 'expected entry bytes in RFC 8785 canonical JSON, found another encoding');
  }
  return parsed.data;
}

/**
 * RFC 8785 §3.2.2 writes numbers and strings exactly as JSON.stringify does, so a text whose keys are
 * sorted everywhere and which JSON.stringify reproduces is canonical; that native check is the fast path
 * of full verification. Anything else (say integer-like keys, which JavaScript objects reorder) gets the
 * full canonicalization.
 */
function isCanonical(json: unknown, text: string): boolean {
  if (hasSortedKeys(json) && JSON.stringify(json) === text) return true;
  return canonicalJson(json) === text;
}

function hasSortedKeys(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) return value.every(hasSortedKeys);
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    // String comparison in JavaScript is by UTF-16 code units, the order RFC 8785 §3.2.3 sorts by.
    if (i > 0 && (keys[i - 1] as string) >= (keys[i] as string)) return false;
    if (!hasSortedKeys((value as Record<string, unknown>)[keys[i] as string])) return false;
  }
  return true;
}
