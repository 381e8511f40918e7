import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoVault, type DemoVault } from '../../test/fixtures/demo/demoVault.js';
import { readFixtureBytes } from '../../test/fixtures/domain/vectors.js';
import { demoBankWithCode } from '../../test/support/enrolledVault.js';
import { startTestGateway } from '../../test/support/gatewayClient.js';
import { describeOnEachStore } from '../../test/support/gatewayStores.js';
import { makeTestVault, TEST_PASSWORD } from '../../test/support/testVault.js';
import { openSessionBackend } from './sessionBackend.js';

let alice: DemoVault;
beforeAll(async () => {
  alice = await makeDemoVault('alice');
  // The shell opens the vault itself, as `coffer app` does.
  alice.vault.lock();
});
afterAll(() => alice?.close());

describe('when the window imports a statement through the shell backend', () => {
  it('passes the import\'s progress on to the window as it comes, ending with every booking', async () => {
    const backend = openSessionBackend(alice.dir);
    expect(await backend.unlock(TEST_PASSWORD)).toMatchObject({ ok: true });
    try {
      const seen: { done: number; total?: number }[] = [];
      const name = 'camt053-v08-multi-entry.xml';
      const result = await backend.dispatch('statements.import', { file: { name, bytes: readFixtureBytes(name) } }, { onProgress: (p) => seen.push(p) });
      expect(result).toMatchObject({ ok: true, value: { imported: 5 } });
      expect(seen.at(0)).toEqual({ done: 0, total: 5 });
      expect(seen.at(-1)).toEqual({ done: 5, total: 5 });
    } finally {
      await backend.lock('user');
    }
  });
});

describe('when the window asks the app to enrol at a gateway', () => {
  it("reaches bank.enrol (the first-run screen), which refuses every vault but a fresh one's owner before anything is sent", async () => {
    const backend = openSessionBackend(alice.dir);
    expect(await backend.unlock(TEST_PASSWORD)).toMatchObject({ ok: true });
    try {
      expect(backend.commands.has('bank.enrol')).toBe(true);
      expect(backend.commands.has('bank.enrol-options')).toBe(true);
      // alice's vault holds the demo organisation and she is a maker: the page cannot point it at another gateway.
      expect(await backend.dispatch('bank.enrol', { server: 'https://evil.example', code: 'ABCD-EFGH-JKMN-PQRS-TVWX' })).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED' } });
      expect(await backend.dispatch('bank.enrol-options', {})).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED' } });
    } finally {
      await backend.lock('user');
    }
  });
});

describeOnEachStore("when the window's first-run screen enrols a fresh vault", (stores) => {
  it("goes on as the bank's user with the policy's roles, without the password again", async () => {
    const store = await stores.fresh();
    const { code } = await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    const { dir, vault } = await makeTestVault();
    // The shell opens the vault itself, as `coffer app` does.
    vault.lock();
    const backend = openSessionBackend(dir);
    expect(await backend.unlock(TEST_PASSWORD)).toMatchObject({ ok: true, value: { userId: 'owner', roles: ['admin', 'auditor'] } });
    try {
      expect(await backend.dispatch('accounts.list', {})).toEqual({ ok: true, value: { accounts: [] } });
      expect(await backend.dispatch('bank.enrol', { server: gateway.url, code })).toMatchObject({ ok: true, value: { userId: 'erin' } });
      expect(backend.session()).toMatchObject({ userId: 'erin', roles: ['viewer'] });
      expect(await backend.dispatch('accounts.list', {})).toMatchObject({ ok: true, value: { accounts: [{}, {}, {}] } });
    } finally {
      await backend.lock('user');
    }
  });
});
