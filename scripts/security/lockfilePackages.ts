import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The fields of a package-lock.json v2/v3 entry that the scans read. */
export interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  inBundle?: boolean;
  dev?: boolean;
  license?: string;
}

/** The `packages` of package-lock.json without the root entry, keyed by install path. */
export function lockfilePackages(root: string): Map<string, LockEntry> {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages?: Record<string, LockEntry> };
  return new Map(Object.entries(lock.packages ?? {}).filter(([location]) => location !== ''));
}

/** The package name of an install path: `node_modules/a/node_modules/@s/b` → `@s/b`. */
export function packageNameOf(location: string): string {
  const at = location.lastIndexOf('node_modules/');
  return at === -1 ? location : location.slice(at + 'node_modules/'.length);
}
