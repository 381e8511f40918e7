import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/tempDir.js';
import { isInsideVaultDir } from './isInsideVaultDir.js';

function layout() {
  const root = tempDir();
  const vault = join(root, 'vault');
  const exports = join(root, 'exports');
  mkdirSync(vault);
  mkdirSync(exports);
  return { root, vault, exports };
}

describe('isInsideVaultDir', () => {
  it('says yes for a file directly in the vault folder, however the path is spelled', () => {
    const { root, vault, exports } = layout();
    expect(isInsideVaultDir(vault, join(vault, 'payments.xml'))).toBe(true);
    expect(isInsideVaultDir(vault, join(exports, '..', 'vault', 'payments.xml'))).toBe(true);
    expect(isInsideVaultDir(join(root, '.', 'vault'), join(vault, 'sub', 'deeper', 'x.xml'))).toBe(true);
  });

  it('says yes through a symlinked folder and for a symlink that points into the vault', () => {
    const { root, vault, exports } = layout();
    symlinkSync(vault, join(root, 'innocent'));
    expect(isInsideVaultDir(vault, join(root, 'innocent', 'payments.xml'))).toBe(true);
    symlinkSync(join(vault, 'vault.keys'), join(exports, 'link.xml'));
    expect(isInsideVaultDir(vault, join(exports, 'link.xml'))).toBe(true);
  });

  it('says no for a sibling folder, one whose name merely starts like the vault, and a missing folder', () => {
    const { root, vault, exports } = layout();
    expect(isInsideVaultDir(vault, join(exports, 'payments.xml'))).toBe(false);
    expect(isInsideVaultDir(vault, join(`${vault}-exports`, 'payments.xml'))).toBe(false);
    expect(isInsideVaultDir(vault, join(root, 'not-yet', 'payments.xml'))).toBe(false);
    expect(isInsideVaultDir(vault, join(root, 'vault.xml'))).toBe(false);
  });
});
