import { AuditError } from './errors.js';
import { parseAuditEntry } from './parseAuditEntry.js';
import { scanCanonicalEntry } from './scanCanonicalEntry.js';
import { writeCanonicalBase64 } from './writeCanonicalBase64.js';

// Entries up to this size are decoded into one reused buffer; a larger one (rare) gets its own.
const REUSED_LIMIT = 64 * 1024;
let reused = Buffer.alloc(4096);

/**
 * The bytes of bundle entry `index`, decoded from its `data` and checked: canonical padded base64
 * (AUDIT_BAD_BUNDLE) of a canonical audit entry whose `seq` is its index (AUDIT_BAD_ENTRY). Errors
 * carry `index`. The result is a view into a reused buffer, valid until the next call, so that
 * verifying a million entries allocates almost nothing per entry.
 */
export function readBundleEntry(data: string, index: number): Uint8Array {
  const bytes = decodeCanonicalBase64(data);
  if (bytes === undefined) throw notCanonicalBase64(index);
  checkEntryBytes(bytes, index);
  return bytes;
}

/**
 * Checks decoded entry bytes of bundle entry `index`, `bytes[from..]`: a canonical audit entry whose `seq`
 * is its index (AUDIT_BAD_ENTRY, with `index`).
 */
export function checkEntryBytes(bytes: Uint8Array, index: number, from = 0): void {
  // Ensure the entry is canonical and names its own position, so it cannot be replayed at another index.
  // The quick scan vouches for nearly every entry a log holds; the full reading decides the rest.
  if (scanCanonicalEntry(bytes, from) === index) return;
  try {
    const { seq } = parseAuditEntry(from === 0 ? bytes : bytes.subarray(from));
    if (seq !== index) throw new AuditError('AUDIT_BAD_ENTRY', `expected seq ${index}, found ${seq}`);
  } catch (error) {
    if (!(error instanceof AuditError)) throw error;
    throw new AuditError(error.code, `entry ${index}: ${error.message}`, { index, cause: error });
  }
}

/** The refusal of entry data that is not canonical padded base64. */
export function notCanonicalBase64(index: number): AuditError {
  return new AuditError('AUDIT_BAD_BUNDLE', `expected entry ${index} data in canonical padded base64, found other text`, { index });
}

// Into the reused buffer, so that verifying a million entries allocates nothing per entry.
function decodeCanonicalBase64(text: string): Buffer | undefined {
  const most = Math.ceil(text.length / 4) * 3;
  if (most > reused.length && most <= REUSED_LIMIT) reused = Buffer.alloc(REUSED_LIMIT);
  const target = most <= reused.length ? reused : Buffer.alloc(most);
  const length = writeCanonicalBase64(text, target);
  return length < 0 ? undefined : target.subarray(0, length);
}
