import type { LockEntry } from './lockfilePackages.js';

/** The one registry packages may come from, over HTTPS. */
export const REGISTRY = 'https://registry.npmjs.org/';

/** What the lockfile pins, and each entry that breaks the rules. */
export interface LockfileCheck {
  packages: number;
  withUrl: number;
  problems: string[];
}

/**
 * Every installed package must carry a sha512 integrity hash, and a recorded URL must be the npm
 * registry over HTTPS. lockfile-lint checks the URLs too, but skips an entry with no integrity field
 * at all, and this machine's npm writes no URLs (omit-lockfile-registry-resolved): the hashes are what
 * pins the bytes. Workspace links (local folders) and bundled packages (inside a parent's tarball,
 * covered by its hash) carry neither.
 */
export function checkLockfile(packages: ReadonlyMap<string, LockEntry>): LockfileCheck {
  const problems: string[] = [];
  let withUrl = 0;
  for (const [location, entry] of packages) {
    if (entry.link || entry.inBundle) continue;
    if (!entry.integrity?.startsWith('sha512-')) {
      problems.push(`${location}: expected a sha512 integrity hash, found ${entry.integrity ?? 'none'}`);
    }
    if (entry.resolved !== undefined) {
      withUrl += 1;
      if (!entry.resolved.startsWith(REGISTRY)) problems.push(`${location}: expected a URL under ${REGISTRY}, found ${entry.resolved}`);
    }
  }
  return { packages: packages.size, withUrl, problems };
}
