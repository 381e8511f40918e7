import type { Page } from '@playwright/test';
import { dispatch, openSession } from '../../src/app/index.js';
import { webAuthnStepUp } from '../../src/app/keys/webAuthnStepUp.js';
import { p256PrivateKeyPkcs8 } from '../../src/crypto/index.js';
import { runApprovalWindow, type AppShell, type ApprovalWindowOptions } from '../../src/desktop/index.js';
import { unlockVault } from '../../src/vault/index.js';
import { registerKey, softwareKey } from '../../test/support/softwareAuthenticator.js';
import { openAsPlainSqlCipher4 } from '../../test/support/sqlcipher.js';
import type { HeldCredential } from '../../test/support/virtualAuthenticator.js';
import { violations } from './axe.js';
import { expect, PASSWORD, SCREENS_DIR, test } from './fixtures.js';
import { WindowKeys, type WindowKey } from './windowKeys.js';

/*
 * `coffer payments approve ID…` runs runApprovalWindow: a small window of the shell showing only the payments
 * named, a touch of the key, the outcome back to the command line. The window is driven here as a person
 * would drive it, with Bob's key in a CDP virtual authenticator; only the display is a private Xvfb.
 */
test.use({ user: 'bob', ownVault: 'approve-from-cli' });
test.describe.configure({ mode: 'serial' });

const CREDITOR_IBAN = 'FR1420041010050500013M02606';
/** Bob's key: enrolled through the app's own registration, then held by the window's virtual authenticator. */
const bobKey = softwareKey();
let held: HeldCredential[] = [];
const batch: string[] = [];
/** Two more, for the Approvals screen of the main window. */
let onScreen: string[] = [];

/** Runs `fn` with the vault handed to `user` for a moment (vault_meta user_id, as `demo seed` writes it). */
async function asUser(vaultDir: string, user: string, fn: (session: Awaited<ReturnType<typeof openSession>>) => Promise<void>): Promise<void> {
  const hand = async (to: string) => {
    const vault = await unlockVault(vaultDir, { password: PASSWORD }, { autoLockMs: null });
    const keyHex = vault.withDataKey((key) => key.toString('hex'));
    vault.lock();
    const db = openAsPlainSqlCipher4(`${vaultDir}/vault.db`, keyHex);
    db.prepare("UPDATE vault_meta SET value = ? WHERE key = 'user_id'").run(to);
    db.close();
  };
  if (user !== 'bob') await hand(user);
  const vault = await unlockVault(vaultDir, { password: PASSWORD }, { autoLockMs: null });
  try {
    await fn(await openSession(vault, { stepUp: webAuthnStepUp({ vault }) }));
  } finally {
    vault.lock();
    if (user !== 'bob') await hand('bob');
  }
}

async function status(vaultDir: string, id: string) {
  let shown: unknown;
  await asUser(vaultDir, 'bob', async (session) => {
    const result = await dispatch(session, 'payments.show', { id });
    if (!result.ok) throw new Error(result.error.message);
    shown = { status: result.value.payment.status, approvals: result.value.approvals.map((a) => ({ userId: a.userId, signatureClass: a.signatureClass, counts: a.counts })) };
  });
  return shown;
}

/** The window of `coffer payments approve`, with Bob's key plugged in once it shows; his key's counter kept after. */
function approveInWindow(vaultDir: string, ids: string[], drive: (page: Page, shell: AppShell) => Promise<void>, extra: Partial<ApprovalWindowOptions> = {}) {
  let keys: WindowKeys | undefined;
  let key: WindowKey | undefined;
  return runApprovalWindow({
    vaultDir,
    ids,
    password: () => Promise.resolve(PASSWORD),
    dangerousTestOnlyVirtualDisplay: true,
    async onOpen(shell) {
      keys = await WindowKeys.attach(shell.page);
      key = keys.newKey({ transport: 'usb', hasPrf: false });
      key.credentials = held;
      await keys.plug(key);
      await expect(shell.page.locator('[data-screen="approval-task"]')).toBeVisible();
      await drive(shell.page, shell);
    },
    async beforeClose() {
      await keys?.unplug();
      if (key !== undefined) held = key.credentials;
    },
    ...extra,
  });
}

test.beforeAll(async ({ vaultDir }) => {
  // Alice (the maker) hands five payments to the approvers: three small EUR, one large EUR, one in USD.
  await asUser(vaultDir, 'alice', async (alice) => {
    const specs = [
      { amount: '100.00', currency: 'EUR', from: 'DE89370400440532013000' },
      { amount: '250.25', currency: 'EUR', from: 'DE89370400440532013000' },
      { amount: '9999.99', currency: 'EUR', from: 'DE89370400440532013000' },
      { amount: '20000.00', currency: 'EUR', from: 'DE89370400440532013000' },
      { amount: '1500.00', currency: 'USD', from: 'DE62370400440532013001' },
      { amount: '10.00', currency: 'EUR', from: 'DE89370400440532013000' },
      { amount: '20.00', currency: 'EUR', from: 'DE89370400440532013000' },
    ] as const;
    for (const [index, spec] of specs.entries()) {
      const created = await dispatch(alice, 'payments.create', { ...spec, toName: `Batch Supplier ${index + 1} GmbH`, toIban: CREDITOR_IBAN, reference: `Batch invoice ${index + 1}` });
      if (!created.ok) throw new Error(created.error.message);
      const submitted = await dispatch(alice, 'payments.submit', { id: created.value.id });
      if (!submitted.ok) throw new Error(submitted.error.message);
      batch.push(created.value.id);
    }
  });
  onScreen = batch.splice(5);
  // Bob enrols his key through the app's registration ceremony (attestation none, as a YubiKey answers it).
  await asUser(vaultDir, 'bob', async (bob) => {
    const options = await dispatch(bob, 'keys.register-options', {});
    if (!options.ok) throw new Error(options.error.message);
    const registered = await dispatch(bob, 'keys.register', { response: registerKey(bobKey, options.value.options.challenge) as never, name: 'YubiKey 5C' });
    if (!registered.ok) throw new Error(`${registered.error.code}: ${registered.error.message}`);
  });
  held = [{ credentialId: Buffer.from(bobKey.id, 'base64url').toString('base64'), isResidentCredential: false, rpId: 'bank.example', privateKey: p256PrivateKeyPkcs8(bobKey.privateKey).toString('base64'), signCount: 0 }];
});

test('cancelling in the window ends the command with APP_CANCELLED and changes nothing', async ({ vaultDir }) => {
  const run = approveInWindow(vaultDir, ['demo-0005'], async (page) => {
    await expect(page.locator('[data-field="payee"]')).toHaveText('Boulangerie Éclair SARL');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });
  await expect(run).rejects.toMatchObject({ code: 'APP_CANCELLED', message: expect.stringContaining('nothing was changed') });
  expect(await status(vaultDir, 'demo-0005')).toEqual({ status: 'pending_approval', approvals: [] });
});

test('one payment: the window shows only it, refuses anything else its page asks, the key signs its digest, the outcome comes back', async ({ vaultDir }) => {
  const refusals: string[] = [];
  const result = await approveInWindow(
    vaultDir,
    ['demo-0005'],
    async (page) => {
      await expect(page.locator('[data-field="amount"]')).toHaveText('€2,300.00 EUR');
      await expect(page.locator('[data-field="payee"]')).toHaveText('Boulangerie Éclair SARL');
      await expect(page.locator('[data-field="iban"]')).toHaveText('FR14 2004 1010 0505 0001 3M02 606 · BNPAFRPP');
      await expect(page.locator('[data-field="reference"]')).toHaveText('Catering Q2');
      await expect(page.locator('[data-field="digest"]')).toHaveText(/^[0-9a-f]{64}$/);
      await expect(page).toHaveTitle('Approve payment demo-0005 · Coffer');
      expect(await violations(page), 'approval window').toEqual([]);
      await page.screenshot({ path: `${SCREENS_DIR}/approval-window-en.png` });
      // A renderer gone wrong asks for another payment, a list, a cancel: the window does its task only.
      const asked = await page.evaluate(async () => {
        const door = (window as unknown as { coffer(message: unknown): Promise<{ ok: boolean; error?: { code: string } }> }).coffer;
        return Promise.all([
          door({ id: 9001, command: 'payments.show', input: { id: 'demo-0004' } }),
          door({ id: 9002, command: 'payments.approve', input: { id: 'demo-0004' } }),
          door({ id: 9003, command: 'payments.list', input: {} }),
          door({ id: 9004, command: 'payments.cancel', input: { id: 'demo-0005' } }),
        ]);
      });
      expect(asked.map((answer) => answer.error?.code)).toEqual(['DESKTOP_OUTSIDE_TASK', 'DESKTOP_OUTSIDE_TASK', 'DESKTOP_UNKNOWN_COMMAND', 'DESKTOP_UNKNOWN_COMMAND']);
      await page.getByRole('button', { name: 'Sign with hardware key' }).click();
      await expect(page.locator('[data-approval-result="approved"]')).toBeVisible();
    },
    { onBlocked: (event) => refusals.push(`${event.target} ${event.reason}`) },
  );
  expect(result).toMatchObject({ kind: 'single', value: { id: 'demo-0005', status: 'approved', signatureClass: 'E', executable: true } });
  expect([...refusals].sort()).toEqual(['payments.approve DESKTOP_OUTSIDE_TASK', 'payments.cancel DESKTOP_UNKNOWN_COMMAND', 'payments.list DESKTOP_UNKNOWN_COMMAND', 'payments.show DESKTOP_OUTSIDE_TASK']);
  expect(await status(vaultDir, 'demo-0005')).toEqual({ status: 'approved', approvals: [{ userId: 'bob', signatureClass: 'E', counts: true }] });
  expect(await status(vaultDir, 'demo-0004')).toMatchObject({ status: 'pending_approval' });
  // Each refusal of the window is in the audit log too.
  let blocked: unknown[] = [];
  await asUser(vaultDir, 'bob', async (session) => {
    const log = await dispatch(session, 'audit.log', { action: 'desktop.blocked' });
    if (!log.ok) throw new Error(log.error.message);
    blocked = log.value.entries.map((entry) => ({ outcome: entry.outcome, target: entry.target, reason: entry.reason }));
  });
  expect(blocked).toEqual(expect.arrayContaining([
    { outcome: 'denied', target: 'payments.show', reason: 'DESKTOP_OUTSIDE_TASK' },
    { outcome: 'denied', target: 'payments.approve', reason: 'DESKTOP_OUTSIDE_TASK' },
    { outcome: 'denied', target: 'payments.cancel', reason: 'DESKTOP_UNKNOWN_COMMAND' },
  ]));
});

test('a batch of five: every payee and the total per currency, one touch, each payment decided by its own rule', async ({ vaultDir }) => {
  const result = await approveInWindow(vaultDir, batch, async (page) => {
    await expect(page.locator('[data-batch]')).toBeVisible();
    await expect(page.locator('[data-total="EUR"]')).toContainText('€30,350.24 EUR');
    await expect(page.locator('[data-total="EUR"]')).toContainText('4 payments');
    await expect(page.locator('[data-total="USD"]')).toContainText('US$1,500.00 USD');
    for (const [index, id] of batch.entries()) {
      const row = page.locator(`[data-batch-payment="${id}"]`);
      await expect(row.locator('[data-field="payee"]')).toHaveText(`Batch Supplier ${index + 1} GmbH`);
      await expect(row.locator('[data-field="iban"]')).toHaveText('FR14 2004 1010 0505 0001 3M02 606');
    }
    expect(await violations(page), 'batch approval window').toEqual([]);
    await page.screenshot({ path: `${SCREENS_DIR}/approval-window-batch-en.png` });
    await page.getByRole('button', { name: 'Sign 5 payments with hardware key' }).click();
    await expect(page.locator('[data-approval-result="batch"]')).toContainText('5 payments; 3 of them are now approved');
  });
  if (result.kind !== 'batch') throw new Error(`expected a batch outcome, found ${result.kind}`);
  // EUR up to 10,000.00: Bob's E suffices; above, and for USD, his A still waits for a B.
  expect(result.value.payments.map((p) => [p.status, p.signatureClass, p.missing])).toEqual([
    ['approved', 'E', []],
    ['approved', 'E', []],
    ['approved', 'E', []],
    ['pending_approval', 'A', ['B']],
    ['pending_approval', 'A', ['B']],
  ]);
  for (const id of batch) expect(await status(vaultDir, id)).toMatchObject({ approvals: [{ userId: 'bob', counts: true }] });
});

test('in the main window, the Approvals screen approves the ticked payments as one batch', async ({ app }) => {
  const { page } = app;
  const keys = await WindowKeys.attach(page);
  try {
    await app.unlock();
    const key = keys.newKey({ transport: 'usb', hasPrf: false });
    key.credentials = held;
    await keys.plug(key);
    await page.locator('[data-section="approvals"]').click();
    await expect(page.locator('[data-screen="approvals"][data-ready="true"]')).toBeVisible();
    for (const id of onScreen) {
      const row = page.locator(`[data-list="payments"] [data-payment="${id}"]`);
      await row.locator('label').click();
      await expect(row.getByRole('checkbox', { name: 'Select' })).toBeChecked();
    }
    await page.getByRole('button', { name: 'Approve 2 selected' }).click();
    const card = page.locator('[data-batch]');
    await expect(card.locator('[data-total="EUR"]')).toContainText('€30.00 EUR');
    await expect(card.locator('[data-batch-payment]')).toHaveCount(2);
    await app.screenshot('approvals-batch-en');
    expect(await violations(page), 'batch approval on the Approvals screen').toEqual([]);
    await card.getByRole('button', { name: 'Sign 2 payments with hardware key' }).click();
    await expect(card.locator('[data-approval-result="batch"]')).toContainText('2 payments; 2 of them are now approved');
    for (const id of onScreen) await expect(card.locator(`[data-batch-payment="${id}"]`)).toHaveAttribute('data-outcome', 'approved');
    await keys.unplug();
    held = key.credentials;
    expect(app.blocked).toEqual([]);
    for (const id of onScreen) {
      expect(await app.backend.dispatch('payments.show', { id })).toMatchObject({ ok: true, value: { payment: { status: 'approved' }, approvals: [{ userId: 'bob', signatureClass: 'E', counts: true }] } });
    }
  } finally {
    await keys.close();
  }
});
