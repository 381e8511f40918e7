import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, makeDemoVault, type DemoVault } from '../../test/fixtures/demo/demoVault.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anotherCode, demoBankWithCode, enrolFreshVault } from '../../test/support/enrolledVault.js';
import { startTestGateway, type TestGateway } from '../../test/support/gatewayClient.js';
import { openStore, type GatewayStore } from '../server/index.js';
import { TEST_PASSWORD } from '../../test/support/testVault.js';
import { unlockVault } from '../vault/index.js';
import type { ShellBackend } from './shellBackend.js';
import { openSessionBackend } from './sessionBackend.js';

/** Waits (polling, never a fixed sleep) until `done` holds, or fails after `ms`. */
async function until(done: () => boolean, ms = 20_000): Promise<void> {
  const stop = Date.now() + ms;
  while (!done()) {
    if (Date.now() > stop) throw new Error('expected the condition within the time, found it still false');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function syncEntries(dir: string) {
  const vault = await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null, recordUnlock: false });
  try {
    return auditEntries(vault).filter((entry) => entry.action === 'bank.sync');
  } finally {
    vault.lock();
  }
}

let store: GatewayStore;
const storeDir = mkdtempSync(join(tmpdir(), 'coffer-background-sync-'));
afterAll(async () => {
  await store?.close();
  rmSync(storeDir, { recursive: true, force: true });
});
beforeAll(async () => {
  store = await openStore({ dataDir: join(storeDir, 'data') });
  await demoBankWithCode(store, 'erin');
}, 120_000);

/** The test's gateway, and a fresh vault enrolled there for Erin (a viewer, who may sync), locked again: the shell opens it. */
async function enrolledVault(): Promise<{ enrolled: string; gateway: TestGateway }> {
  const gateway = await startTestGateway(store);
  const { dir, vault } = await enrolFreshVault(gateway.url, await anotherCode(store, 'erin'));
  vault.lock();
  return { enrolled: dir, gateway };
}

describe('the desktop syncs an enrolled vault with the bank by itself while it is open', () => {
  let backend: ShellBackend;
  afterAll(() => backend?.lock('shutdown'));

  it('syncs after the unlock and again on its interval, each sync audited, with no command from the window', async () => {
    const { enrolled } = await enrolledVault();
    backend = openSessionBackend(enrolled, { sync: { firstAfterMs: 10, everyMs: 300 } });
    expect(await backend.unlock(TEST_PASSWORD)).toMatchObject({ ok: true });
    expect(backend.syncState()).toMatchObject({ state: 'waiting', lastSyncedAt: null });
    await until(() => backend.syncState()?.state === 'synced');
    const first = backend.syncState()?.lastSyncedAt;
    await until(() => backend.syncState()?.lastSyncedAt !== first && backend.syncState()?.state === 'synced');
    await backend.lock('user');
    expect(backend.syncState()).toBeUndefined();
    const entries = await syncEntries(enrolled);
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries.every((entry) => entry.outcome === 'allowed' && entry.actor.userId === 'erin')).toBe(true);
  });

  it('never keeps an idle vault open: it locks after its idle time while syncs keep running', async () => {
    const { enrolled } = await enrolledVault();
    // Idle time long enough for a sync to finish on a loaded machine; syncs start again 50 ms after each other.
    backend = openSessionBackend(enrolled, { maxLockAfterMs: 5_000, sync: { firstAfterMs: 10, everyMs: 50 } });
    const locks: string[] = [];
    backend.onLock((reason) => locks.push(reason));
    const before = (await syncEntries(enrolled)).length;
    expect(await backend.unlock(TEST_PASSWORD)).toMatchObject({ ok: true });
    await until(() => backend.session() === undefined, 60_000);
    expect(locks).toEqual(['idle']);
    // It synced meanwhile, and none of that counted as the user's activity.
    expect((await syncEntries(enrolled)).length).toBeGreaterThan(before);
  });

  it('the window asking for a sync while one runs gets its own, after it: both audited, neither refused', async () => {
    const { enrolled } = await enrolledVault();
    backend = openSessionBackend(enrolled, { sync: { firstAfterMs: 0, everyMs: 60_000 } });
    expect(await backend.unlock(TEST_PASSWORD)).toMatchObject({ ok: true });
    await until(() => backend.syncState()?.state === 'syncing');
    expect(await backend.dispatch('bank.sync', {})).toMatchObject({ ok: true });
    expect(backend.syncState()?.state).toBe('synced');
    await backend.lock('user');
  });

  it('says the bank is out of reach, and tries again sooner with back-off, when the gateway is down', async () => {
    const { enrolled, gateway } = await enrolledVault();
    await gateway.app.close();
    backend = openSessionBackend(enrolled, { sync: { firstAfterMs: 10, everyMs: 60_000, firstRetryAfterMs: 100 } });
    expect(await backend.unlock(TEST_PASSWORD)).toMatchObject({ ok: true });
    await until(() => backend.syncState()?.state === 'offline');
    const state = backend.syncState();
    expect(state?.error?.code).toBe('APP_GATEWAY_UNREACHABLE');
    const retryIn = Date.parse(state?.nextAt ?? '') - Date.now();
    expect(retryIn).toBeLessThanOrEqual(100);
    await backend.lock('user');
  });
});

describe('a vault with no bank', () => {
  let demo: DemoVault;
  beforeAll(async () => {
    demo = await makeDemoVault('alice');
    demo.vault.lock();
  });
  afterAll(() => demo?.close());

  it('is not synced and says so; no sync is attempted or audited', async () => {
    const backend = openSessionBackend(demo.dir, { sync: { firstAfterMs: 0, everyMs: 10 } });
    expect(await backend.unlock(TEST_PASSWORD)).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(backend.syncState()).toEqual({ state: 'off', lastSyncedAt: null, error: null, nextAt: null });
    await backend.lock('user');
    expect(await syncEntries(demo.dir)).toEqual([]);
  });
});
