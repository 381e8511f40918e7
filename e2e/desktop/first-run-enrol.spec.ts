import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coffer, type CliRun } from '../../test/support/cofferCli.js';
import { violations } from './axe.js';
import { startGateway, type Gateway } from './cofferServer.js';
import { expect, openApp, PASSWORD, test } from './fixtures.js';
import { WindowKeys } from './windowKeys.js';

/*
 * Issue 13, Deliver 3: a vault made by `coffer init` and opened in the window shows the first-run screen, which
 * enrols it at the bank with an activation code and the user's hardware key (a CDP virtual authenticator).
 * Real processes: bank staff seed the demo bank and issue a code with `coffer server …`, `coffer server` runs
 * as a child process, the vault is made with `bin/coffer init`; the window is the shell in-process (its page
 * must be reachable over CDP to plug a key in).
 */
test.describe.configure({ mode: 'serial' });

// CLI processes, a gateway and a window on a shared 2-core machine.
const TIMEOUT_MS = 240_000;

async function json<T>(run: Promise<CliRun>): Promise<T> {
  const done = await run;
  expect(done.status, `exit ${String(done.status)}\nstdout: ${done.stdout}\nstderr: ${done.stderr}`).toBe(0);
  return JSON.parse(done.stdout) as T;
}

let root = '';
let gatewayData = '';
let vaultDir = '';
let gateway: Gateway | undefined;
let code = '';

test.beforeAll(async () => {
  test.setTimeout(TIMEOUT_MS);
  root = mkdtempSync(join(tmpdir(), 'coffer-e2e-first-run-'));
  gatewayData = join(root, 'gateway');
  mkdirSync(gatewayData, { mode: 0o700 });
  vaultDir = join(root, 'vault');
  const staff = (args: string[]) => coffer(['--json', 'server', '--data', gatewayData, '--staff', 'sam', ...args]);
  await json(staff(['seed-demo']));
  code = (await json<{ code: string }>(staff(['user', 'activation-code', '--org', 'demo-nordlicht', '--user', 'erin', '--valid-minutes', '30']))).code;
  await json(coffer(['--json', 'init', '--vault', vaultDir], { COFFER_PASSWORD: PASSWORD }));
  gateway = await startGateway(gatewayData);
});

test.afterAll(async () => {
  await gateway?.stop();
  rmSync(root, { recursive: true, force: true });
});

test('a fresh vault asks to connect to the bank; a wrong code is refused in one line; the code and a key enrol it and the accounts show', async ({ tempDir }) => {
  test.setTimeout(TIMEOUT_MS);
  const app = await openApp(vaultDir, tempDir, undefined);
  const keys = await WindowKeys.attach(app.page);
  const { page } = app;
  try {
    await page.getByLabel('Vault password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('heading', { name: 'Connect to your bank' })).toBeVisible({ timeout: 20_000 });
    await app.screenshot('first-run-enrol');
    expect(await violations(page)).toEqual([]);
    // Both languages: the same screen in German, then back.
    await page.getByRole('radio', { name: 'de' }).or(page.getByRole('button', { name: 'de' })).first().click();
    await expect(page.getByRole('heading', { name: 'Mit Ihrer Bank verbinden' })).toBeVisible();
    await app.screenshot('first-run-enrol-de');
    await page.getByRole('radio', { name: 'en' }).or(page.getByRole('button', { name: 'en' })).first().click();
    await expect(page.getByRole('heading', { name: 'Connect to your bank' })).toBeVisible();
    const server = page.getByLabel('Gateway address');
    const codeField = page.getByLabel('Activation code');
    const enrol = page.getByRole('button', { name: 'Enrol' });

    // Plain http to another host: refused before anything is sent, the code field emptied.
    await server.fill('http://bank.example');
    await codeField.fill(code);
    await enrol.click();
    await expect(page.locator('[data-refusal="APP_INSECURE_GATEWAY"]')).toBeVisible({ timeout: 20_000 });
    await expect(codeField).toHaveValue('');

    // A code the bank never issued: its one-line reason, and the vault still fresh (the screen stays).
    await server.fill(gateway?.url ?? '');
    await codeField.fill('ABCD-EFGH-JKMN-PQRS-TVWX');
    await enrol.click();
    const wrong = page.locator('[data-refusal="SERVER_BAD_ACTIVATION_CODE"]');
    await expect(wrong).toBeVisible({ timeout: 30_000 });
    await expect(wrong).toContainText('The bank does not know this activation code. Nothing was changed.');
    await expect(codeField).toHaveValue('');
    await app.screenshot('first-run-wrong-code');
    expect(await violations(page)).toEqual([]);

    // The security key, registered over the enrolment's challenge, then the right code.
    await keys.plug(keys.newKey({ transport: 'usb', hasPrf: true }));
    await page.getByLabel('Key name').fill('YubiKey 5C');
    await page.getByRole('button', { name: 'Add security key' }).click();
    await expect(page.locator('[data-enrol-keys="1"]')).toContainText('YubiKey 5C');
    await codeField.fill(code);
    await enrol.click();
    await expect(page.locator('[data-screen="overview"][data-ready="true"]')).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('[data-account="DE89370400440532013000"]')).toBeVisible();
    // Nothing secret stays in the page: the activation code is gone from the DOM.
    expect(await page.content()).not.toContain(code);
    await app.screenshot('first-run-enrolled');
    expect(app.blocked, 'refusals of the shell').toEqual([]);
  } finally {
    await keys.close();
    // Locking closes the vault, so the command line below may open it.
    await app.backend.lock('user');
    await app.shell.close();
  }

  // The key is the vault's as if added on the Keys screen, and the bank's policy vouches for it (coffer sync installs nothing newer).
  const listed = await json<{ keys: { name: string; id: string }[] }>(coffer(['--json', 'keys', 'list', '--vault', vaultDir], { COFFER_PASSWORD: PASSWORD }));
  expect(listed.keys.map((key) => key.name)).toEqual(['YubiKey 5C']);
  const shown = await json<{ userId: string; policy: { status: string } }>(coffer(['--json', 'show', '--vault', vaultDir], { COFFER_PASSWORD: PASSWORD }));
  expect(shown).toMatchObject({ userId: 'erin', policy: { status: 'valid' } });
});
