import { readFileSync, writeFileSync } from 'node:fs';
import type { VaultKeyFile } from '../../src/contract/index.js';
import { vaultPaths } from '../../src/vault/index.js';

/** An attacker's edit of vault.keys, made with a text editor's power: no key, no MAC. */
export function editKeyFile(dir: string, edit: (file: VaultKeyFile) => void): void {
  const path = vaultPaths(dir).keys;
  const file = JSON.parse(readFileSync(path, 'utf8')) as VaultKeyFile;
  edit(file);
  writeFileSync(path, JSON.stringify(file, null, 2));
}

export function slotOf(file: VaultKeyFile, kind: 'password' | 'recovery') {
  const slot = file.slots.find((s) => s.kind === kind);
  if (!slot) throw new Error(`test vault has no ${kind} slot`);
  return slot;
}
