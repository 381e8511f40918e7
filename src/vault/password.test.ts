import { describe, expect, it } from 'vitest';
import { makeTestVault, TEST_KDF } from '../../test/support/testVault.js';
import { zeroize } from '../crypto/index.js';
import { createSlot } from './keySlot.js';
import { ensureStrongPassword, passwordCandidates } from './password.js';
import { rekeyVault } from './rekeyVault.js';
import { unlockVault } from './unlockVault.js';

// Full-width letters, a ligature and a no-break space: NFKC maps them to "office hours, fine print".
const TYPED_ON_ANOTHER_KEYBOARD = 'ｏﬃce hours,\u00a0ﬁne print';
const SAME_IN_ASCII = 'office hours, fine print';

describe('passwordCandidates', () => {
  it('tries NFKC first, and the NFC form that older vaults derived from only where the two differ', () => {
    expect(passwordCandidates(SAME_IN_ASCII).map(String)).toEqual([SAME_IN_ASCII]);
    expect(passwordCandidates(TYPED_ON_ANOTHER_KEYBOARD).map(String)).toEqual([SAME_IN_ASCII, TYPED_ON_ANOTHER_KEYBOARD.normalize('NFC')]);
  });
});

describe('ensureStrongPassword', () => {
  it('accepts letters of any script, emoji without joiners, and inner spaces', () => {
    for (const password of ['Grüße aus München 42', 'пароль для банка', '🙂 sunny harbour 🙂']) expect(() => ensureStrongPassword(password)).not.toThrow();
  });
});

describe('when a password has compatibility forms', () => {
  it('opens a new vault with either form, since both derive from NFKC', async () => {
    const { dir, vault } = await makeTestVault(TYPED_ON_ANOTHER_KEYBOARD);
    vault.lock();
    (await unlockVault(dir, { password: SAME_IN_ASCII }, { autoLockMs: null })).lock();
    (await unlockVault(dir, { password: TYPED_ON_ANOTHER_KEYBOARD }, { autoLockMs: null })).lock();
  });

  it('still opens a vault whose slot was derived from the NFC bytes before NFKC, and rekeys it onto NFKC', async () => {
    const { dir, vault } = await makeTestVault(TYPED_ON_ANOTHER_KEYBOARD);
    // Rewrap the password slot the way Coffer did before: from the NFC bytes.
    const legacyBytes = Buffer.from(TYPED_ON_ANOTHER_KEYBOARD.normalize('NFC'), 'utf8');
    const dataKey = vault.withDataKey((key) => Buffer.from(key));
    const legacy = await createSlot({ vaultId: vault.vaultId, kind: 'password', state: 'active', secret: legacyBytes, iterations: TEST_KDF.iterations, dataKey });
    zeroize(dataKey);
    vault.rewriteKeySlots({ action: 'test.legacy-slot' }, (slots) => [...slots.filter((slot) => slot.kind !== 'password'), legacy]);
    vault.lock();

    await expect(() => unlockVault(dir, { password: SAME_IN_ASCII })).toThrowCode('VAULT_WRONG_PASSWORD');
    const reopened = await unlockVault(dir, { password: TYPED_ON_ANOTHER_KEYBOARD }, { autoLockMs: null });
    await rekeyVault(reopened, TYPED_ON_ANOTHER_KEYBOARD, TEST_KDF);
    reopened.lock();
    // The rekeyed slot is NFKC: the ASCII form opens it now.
    (await unlockVault(dir, { password: SAME_IN_ASCII }, { autoLockMs: null })).lock();
  });
});
