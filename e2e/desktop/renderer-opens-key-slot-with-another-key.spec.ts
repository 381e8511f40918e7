import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from '../../src/crypto/index.js';
import { violations } from './axe.js';
import { expect, test } from './fixtures.js';
import { attachKey, createInPage, enableUnlockWithWindowKey, shellOnNewVault, type KeyShell } from './unlockKey.js';

type Door = (message: unknown) => Promise<unknown>;

/** The two files an unlock must not change when the secret is wrong (vault.backoff counts the guess). */
function vaultFiles(dir: string): Buffer[] {
  return ['vault.db', 'vault.keys'].map((name) => readFileSync(join(dir, name)));
}

// Attack: open a vault's webauthn-prf key slot in the window with a key other than the one it was made for.
test.describe('when someone opens a key slot with another key', () => {
  let keyShell: KeyShell | undefined;
  test.afterEach(async () => {
    await keyShell?.close();
    keyShell = undefined;
  });

  test('a vault.keys edited to name the attacker\'s own PRF key is refused with VAULT_WRONG_KEY in words, files unchanged', async () => {
    test.setTimeout(120_000);
    keyShell = await shellOnNewVault();
    const { shell, backend, dir } = keyShell;
    const page = shell.page;
    const owners = await attachKey(shell, { hasPrf: true });
    await enableUnlockWithWindowKey(keyShell);
    // The owner's key is away; the attacker's own key, with PRF, for the same rpId, is at hand.
    await owners.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: owners.authenticatorId });
    await attachKey(shell, { hasPrf: true });
    const attackers = await createInPage(page, {
      challenge: randomBytes(32).toString('base64url'),
      rp: { id: 'bank.example', name: 'Coffer' },
      user: { id: randomBytes(16).toString('base64url'), name: 'mallory', displayName: 'Mallory' },
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      extensions: { prf: {} },
    });
    // vault.keys is plain JSON: the slot now names the attacker's key (its MAC can only be checked with the data key).
    const keysPath = join(dir, 'vault.keys');
    const file = JSON.parse(readFileSync(keysPath, 'utf8')) as { slots: { kind: string; credentialId?: string }[] };
    for (const slot of file.slots) if (slot.kind === 'webauthn-prf') slot.credentialId = String(attackers.id);
    writeFileSync(keysPath, `${JSON.stringify(file, null, 2)}\n`);
    const before = vaultFiles(dir);

    await page.reload();
    await page.getByRole('button', { name: 'Unlock with your key' }).click();
    const notice = page.locator('[data-refusal="VAULT_WRONG_KEY"]');
    await expect(notice).toContainText('That key does not open this vault.');
    await expect(notice).toContainText('or unlock with the password');
    expect(await violations(page)).toEqual([]);
    expect(backend.session()).toBeUndefined();
    expect(vaultFiles(dir)).toEqual(before);
  });

  test('a PRF output the renderer makes up, for the slot\'s key or for a key without a slot, is VAULT_WRONG_KEY, files unchanged', async () => {
    test.setTimeout(120_000);
    keyShell = await shellOnNewVault();
    const { shell, backend, dir } = keyShell;
    await attachKey(shell, { hasPrf: true });
    const { keyId, prfOutput } = await enableUnlockWithWindowKey(keyShell);
    const before = vaultFiles(dir);
    const made = randomBytes(32).toString('base64url');
    const answers = await shell.page.evaluate(
      async ({ id, guess, right }) => {
        const door = window.coffer as Door;
        return [
          await door({ id: 1, command: 'session.unlock-key', input: { credentialId: id, prfOutput: guess } }),
          // The right output, offered as another key's: only that key's slots are tried.
          await door({ id: 2, command: 'session.unlock-key', input: { credentialId: 'AAAAAAAAAAAAAAAAAAAAAA', prfOutput: right } }),
        ];
      },
      { id: keyId, guess: made, right: prfOutput },
    );
    for (const answer of answers) expect(answer).toMatchObject({ ok: false, error: { code: 'VAULT_WRONG_KEY', message: expect.stringMatching(/hardware key/) } });
    expect(JSON.stringify(answers)).not.toContain(made);
    expect(JSON.stringify(answers)).not.toContain(prfOutput);
    expect(backend.session()).toBeUndefined();
    expect(vaultFiles(dir)).toEqual(before);
  });
});
