import { describe, expect, it } from 'vitest';
import { checkLockfile } from '../../scripts/security/checkLockfile.js';
import type { LockEntry } from '../../scripts/security/lockfilePackages.js';

const SHA512 = 'sha512-AAAA';
const check = (entries: Record<string, LockEntry>) => checkLockfile(new Map(Object.entries(entries)));

describe('checkLockfile', () => {
  it('accepts sha512 hashes with no URL or a URL on the npm registry, and skips links and bundled packages', () => {
    expect(check({
      'node_modules/a': { integrity: SHA512 },
      'node_modules/b': { integrity: SHA512, resolved: 'https://registry.npmjs.org/b/-/b-1.0.0.tgz' },
      'node_modules/ours': { link: true, resolved: 'packages/ours' },
      'node_modules/c/node_modules/d': { inBundle: true },
    })).toEqual({ packages: 4, withUrl: 1, problems: [] });
  });

  it('names an entry without integrity, which lockfile-lint lets through', () => {
    expect(check({ 'node_modules/a': {} }).problems).toEqual(['node_modules/a: expected a sha512 integrity hash, found none']);
  });

  it('names a weaker hash, a plain-HTTP URL and another host', () => {
    expect(check({
      'node_modules/a': { integrity: 'sha1-AAAA' },
      'node_modules/b': { integrity: SHA512, resolved: 'http://registry.npmjs.org/b/-/b-1.0.0.tgz' },
      'node_modules/c': { integrity: SHA512, resolved: 'https://evil.example/c.tgz' },
    }).problems).toHaveLength(3);
  });
});
