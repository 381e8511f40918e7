import { z } from 'zod';
import { CapabilityFileSchema } from './capabilitySchema.js';

/** The JSON Schema's file name inside `capabilities/`: a loader of `capabilities/*.json` skips it. */
export const CAPABILITY_SCHEMA_FILE = 'schema.json';

/**
 * The JSON Schema (draft 2020-12) of a capability file, committed as `capabilities/schema.json` for editors.
 * Checks that JSON Schema cannot say (IBAN check digits, existing ISO 4217 codes, uniqueness) are made by
 * parseCapabilities, which stays the authority.
 */
export function capabilityJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(CapabilityFileSchema, { target: 'draft-2020-12' });
}

/** The exact text of `capabilities/schema.json`. */
export function capabilityJsonSchemaText(): string {
  return `${JSON.stringify(capabilityJsonSchema(), null, 2)}\n`;
}
