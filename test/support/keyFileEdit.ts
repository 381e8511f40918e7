import { readFileSync, writeFileSync } from 'node:fs';
import type { Pbkdf2Params, VaultKeyFile } from '../../src/contract/index.js';
import { vaultPaths } from '../../src/vault/index.js';

/** An attacker's edit of vault.keys, made with a text editor's power: no key, no MAC. */
export function editKeyFile(dir: string, edit: (file: VaultKeyFile) => void): void {
  const path = vaultPaths(dir).keys;
  const file = JSON.parse(readFileSync(path, 'utf8')) as VaultKeyFile;
  edit(file);
  writeFileSync(path, JSON.stringify(file, null, 2));
}

type PasswordLikeSlot = VaultKeyFile['slots'][number] & { kdf: Pbkdf2Params };

/** The password or recovery slot, whose key is PBKDF2-derived. */
export function slotOf(file: VaultKeyFile, kind: 'password' | 'recovery'): PasswordLikeSlot {
  const slot = file.slots.find((s) => s.kind === kind);
  if (!slot) throw new Error(`test vault has no ${kind} slot`);
  if (slot.kdf.name !== 'pbkdf2-hmac-sha512') throw new Error(`the ${kind} slot is not PBKDF2-derived`);
  return slot as PasswordLikeSlot;
}
