import type { z } from 'zod';
import { AuditBundle, describeZodIssue, type AuditBundleEntry } from '../contract/index.js';
import { AuditError } from './errors.js';

/**
 * A bundle checked against the schema (AUDIT_BAD_BUNDLE), for everything but the base64 alphabet of
 * the entries' data, which the caller checks as it decodes each entry: a regex over a million entries
 * up front costs more than hashing them. zod checks the envelope, a hand check the entries' shape;
 * anything unusual gets the full schema ({@link parseBundle}).
 */
export function readBundle(input: unknown): AuditBundle {
  if (!isPlainObject(input) || !Array.isArray(input.entries) || !input.entries.every(isBundleEntry)) return parseBundle(input);
  const envelope = AuditBundle.safeParse({ ...input, entries: [] });
  if (!envelope.success) throw badBundle(envelope.error);
  return { ...envelope.data, entries: input.entries as AuditBundleEntry[] };
}

/**
 * The bundle's envelope (everything but the entries) checked against the schema, and its entries list
 * unchecked, for a caller that checks each entry as it reaches it ({@link isBundleEntry}): a verifier that
 * hands ranges of a million entries to other threads should not first walk them all on its own.
 */
export function readBundleEnvelope(input: unknown): { envelope: AuditBundle; entries: readonly unknown[] } {
  if (!isPlainObject(input) || !Array.isArray(input.entries)) {
    const bundle = parseBundle(input);
    return { envelope: bundle, entries: bundle.entries };
  }
  const envelope = AuditBundle.safeParse({ ...input, entries: [] });
  if (!envelope.success) throw badBundle(envelope.error);
  return { envelope: envelope.data, entries: input.entries as unknown[] };
}

/** The bundle checked against the whole schema, entries' base64 included (AUDIT_BAD_BUNDLE). */
export function parseBundle(input: unknown): AuditBundle {
  const parsed = AuditBundle.safeParse(input);
  if (!parsed.success) throw badBundle(parsed.error);
  return parsed.data;
}

function badBundle(error: z.ZodError): AuditError {
  return new AuditError('AUDIT_BAD_BUNDLE', `expected a coffer-audit-bundle/v1, found one with ${describeZodIssue(error).text}`, { cause: error });
}

/** A record as JSON.parse makes it: zod's strict objects read its keys with for…in, as below. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** `{index, data}`: a whole number and a string, nothing else. Their order is checked later. */
export function isBundleEntry(entry: unknown): entry is AuditBundleEntry {
  if (!isPlainObject(entry) || typeof entry.data !== 'string') return false;
  if (typeof entry.index !== 'number' || !Number.isSafeInteger(entry.index) || entry.index < 0) return false;
  for (const key in entry) if (key !== 'index' && key !== 'data') return false;
  return true;
}
