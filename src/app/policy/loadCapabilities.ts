import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CAPABILITY_SCHEMA_FILE, parseCapabilities, type Capability } from '../../policy/index.js';
import { CofferError } from '../../contract/index.js';

const CAPABILITIES_DIR = 'capabilities';
// From src/app/policy/ (tests, tsx) the checkout is three levels up; from dist/coffer.mjs (bin/coffer) one.
const MAX_LEVELS_UP = 5;

/** The `capabilities/` directory shipped with this copy of Coffer: the nearest one above this module. */
export function defaultCapabilitiesDir(from = import.meta.dirname): string {
  let dir = from;
  for (let level = 0; level <= MAX_LEVELS_UP; level++) {
    const candidate = join(dir, CAPABILITIES_DIR);
    if (existsSync(join(candidate, CAPABILITY_SCHEMA_FILE))) return candidate;
    dir = dirname(dir);
  }
  throw new CofferError('POLICY_BAD_CAPABILITY', `expected a ${CAPABILITIES_DIR}/ directory with ${CAPABILITY_SCHEMA_FILE} above ${from}, found none`);
}

/**
 * Reads and checks every capability file (`*.json` except the generated schema). A bad file stops the app
 * with POLICY_BAD_CAPABILITY naming the file and field; so does a directory without any capability, since
 * deny-by-default would then silently refuse everything.
 */
export function loadCapabilities(dir = defaultCapabilitiesDir()): Capability[] {
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.json') && name !== CAPABILITY_SCHEMA_FILE)
    .sort();
  if (names.length === 0) throw new CofferError('POLICY_BAD_CAPABILITY', `expected capability files in ${dir}, found none`);
  return parseCapabilities(names.map((name) => ({ name: `${CAPABILITIES_DIR}/${name}`, json: readFileSync(join(dir, name), 'utf8') })));
}
