import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch, openSession } from '../../src/app/index.js';
import { VaultKeyFile } from '../../src/contract/index.js';
import { openSlot } from '../../src/vault/keySlot.js';
import { passwordBytes } from '../../src/vault/password.js';
import { vaultPaths } from '../../src/vault/index.js';
import { openAsPlainSqlCipher4 } from '../support/sqlcipher.js';
import { makeTestVault, OTHER_PASSWORD, TEST_KDF, TEST_PASSWORD } from '../support/testVault.js';

// Attack (outside attack run, issue 9): someone kept a copy of vault.keys and learnt the old password. Coffer
// refuses the old file (VAULT_KEYS_ROLLED_BACK), but offline, by hand, the old slot still unwraps the data
// key: passwd only rewraps it, as in LUKS. `passwd --rekey` is the way to make the old copy worthless.

/** What the attacker does by hand: unwrap the old file's password slot, then open vault.db with stock SQLCipher. */
async function openWithOldCopy(dir: string, oldKeyFile: Buffer): Promise<number> {
  const file = VaultKeyFile.parse(JSON.parse(oldKeyFile.toString('utf8')));
  const slot = file.slots.find((s) => s.kind === 'password');
  if (!slot) throw new Error('no password slot');
  const key = await openSlot(file.vaultId, slot, passwordBytes(TEST_PASSWORD));
  const db = openAsPlainSqlCipher4(join(dir, 'vault.db'), key.toString('hex'));
  try {
    return db.prepare('SELECT count(*) FROM audit_entries').pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('when the password was changed with passwd alone', () => {
  it('leaves the database open to a kept copy of vault.keys and the old password (the documented limit)', async () => {
    const { dir, vault } = await makeTestVault();
    const oldKeyFile = readFileSync(vaultPaths(dir).keys);
    expect(await dispatch(await openSession(vault, { kdf: TEST_KDF }), 'vault.passwd', { newPassword: OTHER_PASSWORD })).toMatchObject({ ok: true, value: { rekeyed: false } });
    vault.lock();
    expect(await openWithOldCopy(dir, oldKeyFile)).toBeGreaterThan(0);
  });
});

describe('when the password was changed with passwd --rekey', () => {
  it('makes the kept copy worthless: its key no longer opens the database', async () => {
    const { dir, vault } = await makeTestVault();
    const oldKeyFile = readFileSync(vaultPaths(dir).keys);
    const result = await dispatch(await openSession(vault, { kdf: TEST_KDF }), 'vault.passwd', { newPassword: OTHER_PASSWORD, rekey: true });
    expect(result).toMatchObject({ ok: true, value: { rekeyed: true, recoveryCode: expect.any(String) as unknown } });
    vault.lock();
    await expect(openWithOldCopy(dir, oldKeyFile)).rejects.toThrow(/not a database/);
  });
});
