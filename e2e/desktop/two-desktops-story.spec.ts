import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { locateCheckout } from '../../src/desktop/index.js';
import { coffer, type CliRun } from '../../test/support/cofferCli.js';
import { violations } from './axe.js';
import { startGateway, type Gateway } from './cofferServer.js';
import { expect, openApp, PASSWORD, test, type App } from './fixtures.js';
import { WindowKeys, type WindowKey } from './windowKeys.js';

/*
 * Issue 13's acceptance test, the whole story across real processes: bank staff set up an organisation with
 * `coffer server …` commands; two vaults enrol with `coffer enrol` (Mia the maker, Otto the approver); Otto
 * registers a hardware key in his desktop window (a CDP virtual authenticator) and `coffer sync` carries it
 * to the bank; Mia creates and submits a payment while the gateway is down; both sync; Otto approves it in
 * his window with the key; the gateway accepts it once, its status reaches both vaults' audit logs, and bank
 * staff emit it in a pain.001 file. Nothing in-process but the window's shell (its page must be reachable over
 * CDP to plug a key in); every other step is `bin/coffer` as a user or bank staff types it.
 */
test.describe.configure({ mode: 'serial' });

const CHECKOUT = locateCheckout(import.meta.dirname);
// Many CLI processes and two windows on a shared 2-core machine: each step takes tens of seconds.
const STEP_TIMEOUT_MS = 240_000;

const ORG = 'hanse-logistik';
const MAKER = 'mia';
const APPROVER = 'otto';
const DEBTOR_IBAN = 'DE89370400440532013000';
const CREDITOR = { name: 'Boulangerie Éclair SARL', iban: 'FR1420041010050500013M02606', bic: 'BNPAFRPP' };

/** `../shared/vectors` beside the checkout, or COFFER_VECTORS_DIR, as test/support/vectors.ts finds it (that one needs vitest). */
const VECTORS_DIR = process.env.COFFER_VECTORS_DIR ? resolve(process.env.COFFER_VECTORS_DIR) : resolve(CHECKOUT, '..', 'shared', 'vectors');

/** What a run printed, for a failing expectation to show. */
function said(run: CliRun): string {
  return `exit ${String(run.status)}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;
}

/** A `--json` run that must succeed; its output parsed. */
async function json<T>(run: Promise<CliRun>): Promise<T> {
  const done = await run;
  expect(done.status, said(done)).toBe(0);
  return JSON.parse(done.stdout) as T;
}

// The story's state, handed from step to step (the steps run in order, one worker).
let root = '';
let gatewayData = '';
let gateway: Gateway | undefined;
let port = 0;
const codes: Record<string, string> = {};
const vaults: Record<string, string> = {};
let paymentId = '';
/** Otto's key: its credential (private key and counter) kept while it is unplugged between windows. */
let ottoKey: WindowKey | undefined;
/** The policy version Otto's vault held before his key was registered. */
let policyBefore = 0;

/** Bank staff at the console: `coffer --json server --data DIR --staff sam …`. */
const staff = (args: string[]) => coffer(['--json', 'server', '--data', gatewayData, '--staff', 'sam', ...args]);
/** A user at their own vault: `coffer --json … --vault DIR`, the password from COFFER_PASSWORD. */
const user = (who: string, args: string[]) => coffer(['--json', ...args, '--vault', vaults[who] ?? ''], { COFFER_PASSWORD: PASSWORD });

interface SyncOutput {
  witness: { size: number; oldSize: number };
  policy: { version: number; installed: boolean };
  credentials: { registered: { id: string; policyVersion: number }[]; refused: unknown[]; pending: number };
  shared: { shared: string[]; withdrawn: string[]; refused: unknown[]; pending: number };
  received: { received: { id: string; change: string }[]; refused: unknown[] };
  approvals: { sent: { id: string; status: string }[]; refused: unknown[]; pending: number };
  payments: { sent: number; accepted: string[]; refused: { id: string; code: string }[] };
  statuses: { recorded: { id: string; status: string }[]; refused: unknown[] };
}
interface ShownPayment {
  payment: { id: string; status: string; createdBy: string; amount: string; currency: string };
  digest: string;
  approvals: { userId: string; signatureClass: string | null; counts: boolean }[];
}
interface AuditLog {
  entries: { action: string; outcome: string; target: string | null; reason: string | null; details: Record<string, unknown> }[];
}

/** Each vault's last sync, for what the bank's witness cosigned. */
const lastSync: Record<string, SyncOutput> = {};

async function sync(who: string): Promise<SyncOutput> {
  lastSync[who] = await json<SyncOutput>(user(who, ['sync']));
  return lastSync[who];
}

async function show(who: string, id: string): Promise<ShownPayment> {
  return json<ShownPayment>(user(who, ['payments', 'show', id]));
}

/** A window of the desktop shell on `who`'s vault, unlocked through its lock screen, with Otto's key at hand. */
async function withWindow(who: string, tempDir: string, drive: (app: App, keys: WindowKeys) => Promise<void>, sync: Parameters<typeof openApp>[3] = false): Promise<void> {
  const app = await openApp(vaults[who] ?? '', tempDir, undefined, sync);
  const keys = await WindowKeys.attach(app.page);
  try {
    await app.unlock(PASSWORD);
    await drive(app, keys);
    expect(app.blocked, 'refusals of the shell').toEqual([]);
  } finally {
    await keys.close();
    // Locking closes the vault: the next `coffer` process may open it (one process at a time).
    await app.backend.lock('user');
    await app.shell.close();
  }
}

test.beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'coffer-e2e-story-'));
  gatewayData = join(root, 'gateway');
  mkdirSync(gatewayData, { mode: 0o700 });
  vaults[MAKER] = join(root, 'vault-mia');
  vaults[APPROVER] = join(root, 'vault-otto');
});

test.afterAll(async () => {
  await gateway?.stop();
  rmSync(root, { recursive: true, force: true });
});

test('1. bank staff create the organisation, its maker and approver, an account, a rule and two activation codes', async () => {
  test.setTimeout(STEP_TIMEOUT_MS);
  await json(staff(['org', 'create', '--org', ORG, '--name', 'Hanse Logistik GmbH']));
  await json(staff(['user', 'add', '--org', ORG, '--user', MAKER, '--name', 'Mia Maker', '--roles', 'maker']));
  await json(staff(['user', 'add', '--org', ORG, '--user', APPROVER, '--name', 'Otto Approver', '--roles', 'approver']));
  await json(staff(['account', 'add', '--org', ORG, '--iban', DEBTOR_IBAN, '--currency', 'EUR', '--name', 'Operating account', '--bic', 'COBADEFFXXX']));
  // Otto's class E alone releases a payment of this account.
  await json(staff(['rule', 'set', '--org', ORG, '--account', DEBTOR_IBAN, '--currency', 'EUR', '--approver', `${APPROVER}:E`]));
  for (const who of [MAKER, APPROVER]) {
    codes[who] = (await json<{ code: string }>(staff(['user', 'activation-code', '--org', ORG, '--user', who, '--valid-minutes', '30']))).code;
    expect(codes[who]).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  }
  gateway = await startGateway(gatewayData, 0);
  port = Number(new URL(gateway.url).port);
  expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

test('2. two vaults, each its own user: coffer init and coffer enrol with the codes', async () => {
  test.setTimeout(STEP_TIMEOUT_MS);
  for (const [who, roles] of [[MAKER, ['maker']], [APPROVER, ['approver']]] as const) {
    await json(user(who, ['init']));
    const enrolled = await json<{ userId: string; orgId: string; roles: string[]; accounts: number }>(user(who, ['enrol', '--server', gateway?.url ?? '', '--code', codes[who] ?? '']));
    expect(enrolled).toMatchObject({ userId: who, orgId: ORG, roles, accounts: 1 });
  }
  // A code enrols one device: a third vault presenting Mia's is refused, and enrolled nowhere.
  vaults.eve = join(root, 'vault-eve');
  await json(user('eve', ['init']));
  const again = await user('eve', ['enrol', '--server', gateway?.url ?? '', '--code', codes[MAKER] ?? '']);
  expect([again.status, again.stderr.trim().split('\n').length], said(again)).toEqual([1, 1]);
  expect(again.stderr).toContain('ACTIVATION_CODE_USED');
});

test('3. Otto registers a hardware key in his desktop window', async ({ tempDir }) => {
  test.setTimeout(STEP_TIMEOUT_MS);
  policyBefore = (await sync(APPROVER)).policy.version;
  await withWindow(APPROVER, tempDir, async (app, keys) => {
    const { page } = app;
    ottoKey = keys.newKey({ transport: 'usb', hasPrf: true });
    await keys.plug(ottoKey);
    await page.locator('[data-section="keys"]').click();
    await expect(page.locator('[data-screen="keys"][data-ready="true"]')).toBeVisible();
    await page.getByLabel('Name', { exact: true }).fill('YubiKey 5C');
    await page.getByRole('button', { name: 'Add key' }).click();
    await expect(page.locator('[data-key="YubiKey 5C"]')).toBeVisible();
    await keys.unplug();
  });
});

test('3b. his coffer sync takes the key to the bank, whose next policy lists it', async () => {
  test.setTimeout(STEP_TIMEOUT_MS);
  const after = await sync(APPROVER);
  expect(after.credentials, JSON.stringify(after)).toMatchObject({ registered: [{ id: expect.any(String), policyVersion: after.policy.version }], refused: [], pending: 0 });
  // The bank re-issues the policy when it registers a key, listing it under Otto: the vault installs it in the same sync.
  expect(after.policy.installed).toBe(true);
  expect(after.policy.version).toBeGreaterThan(policyBefore);
  // Sent once: the next sync has nothing more to register.
  expect((await sync(APPROVER)).credentials).toEqual({ registered: [], refused: [], pending: 0 });
});

test('4. Mia creates and submits a payment while the gateway is down; her sync fails in one line and loses nothing; back online it is shared', async () => {
  test.setTimeout(STEP_TIMEOUT_MS);
  expect(await gateway?.stop()).toBe(0);
  gateway = undefined;
  const created = await json<{ id: string }>(user(MAKER, ['payments', 'create', '--from', DEBTOR_IBAN, '--to-name', CREDITOR.name, '--to-iban', CREDITOR.iban, '--to-bic', CREDITOR.bic, '--amount', '1250.00', '--currency', 'EUR', '--reference', 'Invoice 2026-117']));
  paymentId = created.id;
  expect(await json(user(MAKER, ['payments', 'submit', paymentId]))).toMatchObject({ id: paymentId, status: 'pending_approval' });

  const offline = await user(MAKER, ['sync']);
  expect(offline.status, said(offline)).toBe(1);
  expect(offline.stderr.trim().split('\n')).toHaveLength(1);
  expect(offline.stderr).toContain('APP_GATEWAY_UNREACHABLE');
  expect((await show(MAKER, paymentId)).payment).toMatchObject({ status: 'pending_approval', createdBy: MAKER });

  gateway = await startGateway(gatewayData, port);
  const online = await sync(MAKER);
  expect(online.shared).toEqual({ shared: [paymentId], withdrawn: [], refused: [], pending: 0 });
  // Her own payment is not in the outbox: it waits for approvals given in another vault.
  expect(online.payments.sent).toBe(0);
  // Still hers and still waiting: sharing is not approving.
  expect((await show(MAKER, paymentId)).payment.status).toBe('pending_approval');
});

test('5. Otto syncs: Mia\'s payment waits in his vault; he approves it in his window with his key; his sync gets it accepted', async ({ tempDir }) => {
  test.setTimeout(STEP_TIMEOUT_MS);
  expect((await sync(APPROVER)).received).toMatchObject({ received: [{ id: paymentId, change: 'added' }], refused: [] });
  const received = await show(APPROVER, paymentId);
  expect(received.payment).toMatchObject({ id: paymentId, status: 'pending_approval', createdBy: MAKER, amount: '1250.00', currency: 'EUR' });
  expect(received.digest).toBe((await show(MAKER, paymentId)).digest);

  await withWindow(APPROVER, tempDir, async (app, keys) => {
    const { page } = app;
    if (ottoKey === undefined) throw new Error('step 3 registers Otto\'s key');
    await keys.plug(ottoKey);
    await page.locator('[data-section="approvals"]').click();
    await expect(page.locator('[data-screen="approvals"][data-ready="true"]')).toBeVisible();
    const row = page.locator(`[data-list="payments"] [data-payment="${paymentId}"]`);
    await expect(row).toContainText(CREDITOR.name);
    await row.click();
    const detail = page.locator(`[data-detail="${paymentId}"]`);
    // Who made it, what it pays, and what is still needed: what an approver decides on.
    await expect(detail).toContainText(MAKER);
    await expect(detail).toContainText('Still needed: E');
    await app.screenshot('story-approver-sees-makers-payment');
    await detail.getByRole('button', { name: 'Approve with hardware key' }).click();
    const dialog = page.locator('[data-dialog="approve"]');
    await expect(dialog.locator('[data-field="amount"]')).toHaveText('€1,250.00 EUR');
    await expect(dialog.locator('[data-field="payee"]')).toHaveText(CREDITOR.name);
    await expect(dialog.locator('[data-field="digest"]')).toHaveText(received.digest);
    await app.screenshot('story-approver-signs-makers-payment');
    expect(await violations(page), 'approval dialog of a payment received from the bank').toEqual([]);
    await dialog.getByRole('button', { name: 'Sign with hardware key' }).click();
    await expect(dialog.locator('[data-approval-result="approved"]')).toContainText('Approved');
    await keys.unplug();
  });
  expect((await show(APPROVER, paymentId)).approvals).toEqual([expect.objectContaining({ userId: APPROVER, signatureClass: 'E', counts: true })]);

  const relayed = await sync(APPROVER);
  expect(relayed.approvals, JSON.stringify(relayed)).toEqual({ sent: [{ id: paymentId, status: 'accepted' }], refused: [], pending: 0 });
  expect(relayed.statuses.recorded).toEqual([{ id: paymentId, status: 'accepted' }]);
  expect((await show(APPROVER, paymentId)).payment.status).toBe('accepted');
});

test('6. Mia syncs: both vaults hold the payment accepted, with the bank\'s status entry in an audit log the bank\'s witness cosigned', async ({ tempDir }) => {
  test.setTimeout(STEP_TIMEOUT_MS);
  expect((await sync(MAKER)).statuses.recorded).toEqual([{ id: paymentId, status: 'accepted' }]);
  for (const who of [MAKER, APPROVER]) {
    expect((await show(who, paymentId)).payment.status, who).toBe('accepted');
    const log = await json<AuditLog>(user(who, ['audit', 'log', '--action', 'bank.payment-status']));
    expect(log.entries.filter((entry) => entry.target === paymentId && entry.outcome === 'allowed'), who).toHaveLength(1);
    // The bank's witness cosigned the log as it now stands, from a consistency proof with what it cosigned before.
    const witness = lastSync[who]?.witness;
    expect(witness?.size ?? 0, who).toBeGreaterThan(witness?.oldSize ?? Infinity);
    // `audit verify` itself is the auditor's and the admin's (capabilities/audit-review.json): a maker or approver is told so in one line.
    const verify = await user(who, ['audit', 'verify']);
    expect([verify.status, verify.stderr.trim().split('\n').length, verify.stderr.includes('POLICY_DENIED')], said(verify)).toEqual([1, 1, true]);
  }
  // Mia's window says what she needs to know: her payment is accepted by the bank.
  await withWindow(MAKER, tempDir, async (app) => {
    const { page } = app;
    await page.locator('[data-section="payments"]').click();
    await page.locator(`[data-list="payments"] [data-payment="${paymentId}"]`).click();
    const detail = page.locator('[data-detail]');
    await expect(detail).toContainText(CREDITOR.name);
    await expect(detail).toContainText('The bank accepted this payment');
    await app.screenshot('story-maker-sees-acceptance');
  });
});

test('7. bank staff emit it once in a pain.001.001.09 file; syncing again accepts nothing twice', async () => {
  test.setTimeout(STEP_TIMEOUT_MS);
  // Both vaults sync again: nothing is sent twice, nothing new is recorded.
  for (const who of [MAKER, APPROVER]) {
    const again = await sync(who);
    expect([again.shared.shared, again.received.received, again.approvals.sent, again.payments.accepted, again.statuses.recorded], who).toEqual([[], [], [], [], []]);
  }
  const listed = await json<{ payments: { paymentId: string; status: string }[] }>(staff(['payments', 'list', '--org', ORG]));
  expect(listed.payments.map((payment) => [payment.paymentId, payment.status])).toEqual([[paymentId, 'accepted']]);

  const out = join(root, 'pain001');
  mkdirSync(out);
  const exported = await json<{ files: { file: string; currency: string; payments: number }[] }>(staff(['payments', 'export', '--org', ORG, '--out', out]));
  expect(exported.files.map((file) => [file.currency, file.payments])).toEqual([['EUR', 1]]);
  const xml = readFileSync(exported.files[0]?.file ?? '', 'utf8');
  expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09');
  expect(xml.match(/<CdtTrfTxInf>/g)).toHaveLength(1);
  expect([...xml.matchAll(/<EndToEndId>([^<]*)<\/EndToEndId>/g)].map((match) => match[1])).toEqual([paymentId]);
  const xsd = join(VECTORS_DIR, 'iso20022', 'pain.001.001.09.xsd');
  if (existsSync(xsd)) {
    const result = await validateXML({ xml: { fileName: 'story.xml', contents: xml }, schema: { fileName: 'pain.001.001.09.xsd', contents: readFileSync(xsd, 'utf8') } });
    expect(result.errors.map((error) => error.message)).toEqual([]);
  } else {
    process.stderr.write(`coffer: skipped the EPC XSD check of the story's pain.001: ${xsd} not found (set COFFER_VECTORS_DIR to run it)\n`);
  }
  // Emitted once: a second export finds nothing.
  expect(await json(staff(['payments', 'export', '--org', ORG, '--out', out]))).toEqual({ files: [] });
  expect(await json(staff(['audit', 'verify']))).toMatchObject({ entries: expect.any(Number) });
});

test('8. Otto leaves his window open: it syncs with the bank by itself, says so in the sidebar, and the bank cosigned the log it synced', async ({ tempDir }) => {
  test.setTimeout(STEP_TIMEOUT_MS);
  const witnessedBefore = lastSync[APPROVER]?.witness.size ?? 0;
  await withWindow(
    APPROVER,
    tempDir,
    async (app) => {
      const status = app.page.locator('[data-bank-sync]');
      await expect(status).toHaveAttribute('data-bank-sync', 'synced', { timeout: 60_000 });
      await expect(status).toContainText('Synced with the bank');
      await app.screenshot('story-window-synced');
    },
    { firstAfterMs: 0, everyMs: 60_000 },
  );
  // The window's sync is an ordinary one: audited in his log, which the bank's witness cosigned further.
  const log = await json<AuditLog>(user(APPROVER, ['audit', 'log', '--limit', '50']));
  expect(log.entries.filter((entry) => entry.action === 'bank.sync').at(-1)).toMatchObject({ outcome: 'allowed' });
  expect((await sync(APPROVER)).witness.size).toBeGreaterThan(witnessedBefore);
});
