import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDITOR_IBAN, EUR_ACCOUNT, makeDemoVaults, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';

let vaults: Map<string, DemoVault>;
beforeAll(async () => {
  vaults = await makeDemoVaults(['alice', 'dave']);
});
afterAll(() => vaults.forEach((vault) => vault.close()));

function vaultOf(user: string) {
  const demo = vaults.get(user);
  if (demo === undefined) throw new Error(`no demo vault for ${user}`);
  return demo.vault;
}

const sessionOf = (user: string) => openSession(vaultOf(user));

describe('when audit.log is asked for one target', () => {
  it("answers that payment's trail only, oldest first, with the total of matches", async () => {
    const alice = await sessionOf('alice');
    const created = await dispatch(alice, 'payments.create', { from: EUR_ACCOUNT, toName: 'Trail Test GmbH', toIban: CREDITOR_IBAN, amount: '12.00', currency: 'EUR' });
    if (!created.ok) throw new Error(created.error.message);
    const { id } = created.value;
    await dispatch(alice, 'payments.edit', { id, amount: '13.00' });
    await dispatch(alice, 'payments.submit', { id });
    const trail = await dispatch(alice, 'audit.log', { target: id });
    expect(trail).toMatchObject({ ok: true, value: { scope: 'own', total: 3 } });
    if (!trail.ok) return;
    expect(trail.value.entries.map((entry) => entry.action)).toEqual(['payments.create', 'payments.edit', 'payments.submit']);
    expect(trail.value.entries.every((entry) => entry.target === id)).toBe(true);
  });
});

describe('when audit.log is paged with offset and limit', () => {
  it('pages back from the newest entry, each page oldest first, the pages joining without gap or overlap', async () => {
    const dave = await sessionOf('dave');
    const all = await dispatch(dave, 'audit.log', {});
    if (!all.ok) throw new Error(all.error.message);
    expect(all.value.scope).toBe('all');
    const seqs = all.value.entries.map((entry) => entry.seq);
    const newest = await dispatch(dave, 'audit.log', { limit: 3 });
    const before = await dispatch(dave, 'audit.log', { limit: 3, offset: 3 });
    if (!newest.ok || !before.ok) throw new Error('refused');
    // The log grows as dave reads nothing (reads leave no entry), so both pages see the same log.
    expect(newest.value.entries.map((entry) => entry.seq)).toEqual(seqs.slice(-3));
    expect(before.value.entries.map((entry) => entry.seq)).toEqual(seqs.slice(-6, -3));
    expect(newest.value.total).toBe(all.value.total);
  });

  it('answers no entries past the oldest, and still the total', async () => {
    const dave = await sessionOf('dave');
    const past = await dispatch(dave, 'audit.log', { limit: 10, offset: 1_000_000 });
    expect(past).toMatchObject({ ok: true, value: { entries: [] } });
    if (past.ok) expect(past.value.total).toBeGreaterThan(0);
  });
});
