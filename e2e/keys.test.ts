import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, seedDemo } from '../src/app/index.js';
import { demoCredential } from '../src/app/demo/demoCredentials.js';
import { webAuthnStepUp } from '../src/app/keys/webAuthnStepUp.js';
import { coffer } from '../test/support/cofferCli.js';
import { enrolKey } from '../test/support/hardwareKeys.js';
import { makeTestVault, TEST_PASSWORD } from '../test/support/testVault.js';
import { startAuthenticatorBrowser, type AuthenticatorBrowser } from '../test/support/virtualAuthenticator.js';

// `coffer keys list|rename|remove` on a vault whose user enrolled a key in a window (here: a virtual one).
let browser: AuthenticatorBrowser;
beforeAll(async () => {
  browser = await startAuthenticatorBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const env = { COFFER_PASSWORD: TEST_PASSWORD };

describe('coffer keys', () => {
  it('lists, renames, and refuses to remove without a step-up; its help says enrolment needs the window', async () => {
    const { dir, vault } = await makeTestVault();
    const id = await enrolKey(await openSession(vault, { stepUp: webAuthnStepUp({ vault }) }), await browser.newKey(), 'YubiKey 5C');
    vault.lock();

    const listed = await coffer(['keys', 'list', '--vault', dir], env);
    expect(listed.status, listed.stderr).toBe(0);
    const row = listed.stdout.split('\n').find((line) => line.includes(id)) ?? '';
    expect(row.split(/ {2,}/).map((cell) => cell.trim())).toEqual(['YubiKey 5C', id, 'usb', 'no (can)', 'never']);

    // A credential id is random base64url and may start with '-': after '--' it is never taken for an option.
    const renamed = await coffer(['keys', 'rename', '--vault', dir, '--', id, 'Blue key'], env);
    expect(renamed.status, renamed.stderr).toBe(0);
    const json = await coffer(['keys', 'list', '--vault', dir, '--json'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ keys: [{ id, name: 'Blue key' }] });

    const removed = await coffer(['keys', 'remove', '--vault', dir, '--', id], env);
    expect(removed.status).toBe(1);
    expect(removed.stderr).toMatch(/\[APP_STEP_UP_REQUIRED\]\n$/);
    expect(JSON.parse((await coffer(['keys', 'list', '--vault', dir, '--json'], env)).stdout)).toMatchObject({ keys: [{ id, name: 'Blue key' }] });

    const help = await coffer(['keys', '--help']);
    expect(help.stdout).toMatch(/Enrolling a key needs a window/);
    // Six runs of bin/coffer, each a Node start and an unlock: on a loaded machine this takes minutes.
  }, 300_000);

  it('marks the demo key of a demo vault DEMO, in the table and in --json', async () => {
    const { dir, vault } = await makeTestVault();
    await seedDemo(vault, { user: 'bob', bookingsPerAccount: 3, enrolDemoKey: true });
    vault.lock();
    const { id } = demoCredential('bob');
    const listed = await coffer(['keys', 'list', '--vault', dir], env);
    expect(listed.status, listed.stderr).toBe(0);
    const row = listed.stdout.split('\n').find((line) => line.includes(id)) ?? '';
    expect(row.split(/ {2,}/).map((cell) => cell.trim())).toEqual(['DEMO: Software key (its private half is published)', id, 'internal', 'no (no PRF)', 'never']);
    expect(JSON.parse((await coffer(['keys', 'list', '--vault', dir, '--json'], env)).stdout)).toMatchObject({ keys: [{ id, demo: true }] });
  }, 120_000);

  it("says how to name a key id that starts with '-', which the parser would take for an option", async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    const dashed = await coffer(['keys', 'rename', '-Kx9', 'Blue key', '--vault', dir], env);
    expect(dashed.status).toBe(2);
    expect(dashed.stderr).toBe("error: unknown option '-Kx9' (a key id that starts with '-' goes after '--': coffer keys rename [options] -- ID NAME)\n");
    const separated = await coffer(['keys', 'remove', '--vault', dir, '--', '-Kx9'], env);
    expect(separated.status).toBe(1);
    expect(separated.stderr).toMatch(/-Kx9/);
  }, 120_000);
});
