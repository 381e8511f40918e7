import { CapabilityFileSchema, type Capability } from './capabilitySchema.js';
import { CofferError, describeZodIssue } from '../contract/index.js';

export interface CapabilityFile {
  /** Shown in errors, e.g. `capabilities/maker.json`. */
  name: string;
  /** The file's parsed JSON value, or its raw text (a string is parsed here so syntax errors name the file). */
  json: unknown;
}

function readJson(file: CapabilityFile): unknown {
  if (typeof file.json !== 'string') return file.json;
  try {
    return JSON.parse(file.json) as unknown;
  } catch (cause) {
    throw new CofferError('POLICY_BAD_CAPABILITY', `${file.name}: expected JSON, found a syntax error (${(cause as Error).message})`, { cause });
  }
}

/**
 * Validates capability files. Throws POLICY_BAD_CAPABILITY with a one-line message naming the file and the
 * field for the first bad file: wrong shape, unknown permission id or role, bad scope, duplicate identifier.
 */
export function parseCapabilities(files: readonly CapabilityFile[]): Capability[] {
  const capabilities: Capability[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const result = CapabilityFileSchema.safeParse(readJson(file));
    if (!result.success) {
      throw new CofferError('POLICY_BAD_CAPABILITY', `${file.name}: ${describeZodIssue(result.error).text}`, { cause: result.error });
    }
    const { $schema: _schema, ...capability } = result.data;
    // Ensure identifiers are unique: audit entries and denial messages name capabilities by identifier.
    const earlier = seen.get(capability.identifier);
    if (earlier !== undefined) {
      throw new CofferError(
        'POLICY_BAD_CAPABILITY',
        `${file.name}: identifier: expected a unique identifier, found "${capability.identifier}" already used by ${earlier}`,
      );
    }
    seen.set(capability.identifier, file.name);
    capabilities.push(capability);
  }
  return capabilities;
}
