import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** The real path of `path`'s deepest existing ancestor, with the missing rest appended as written. */
function realPathSoFar(path: string): string {
  const rest: string[] = [];
  for (let existing = resolve(path); ; existing = dirname(existing)) {
    try {
      return join(realpathSync(existing), ...rest);
    } catch {
      if (dirname(existing) === existing) return resolve(path);
      rest.unshift(basename(existing));
    }
  }
}

function isWithin(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

/**
 * True when writing `targetPath` would put a file into the vault folder (or below it), however the path
 * is spelled: symlinks and `..` in the folders on the way are resolved, and so is `targetPath` itself when
 * it is an existing symlink. An export must never land beside vault.keys, where init and unlock treat
 * names as Coffer's own. Hard links and case-insensitive file systems are not looked through.
 */
export function isInsideVaultDir(vaultDir: string, targetPath: string): boolean {
  const vault = realPathSoFar(vaultDir);
  if (isWithin(vault, realPathSoFar(dirname(resolve(targetPath))))) return true;
  try {
    // Follow the link by hand: its target may not exist yet (a dangling link to vault/new-file).
    if (lstatSync(targetPath).isSymbolicLink()) {
      return isWithin(vault, realPathSoFar(resolve(dirname(resolve(targetPath)), readlinkSync(targetPath))));
    }
  } catch {
    // A target that does not exist yet has no link to follow.
  }
  return false;
}
