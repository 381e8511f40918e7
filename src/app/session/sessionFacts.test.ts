import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoVaults, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { openSession } from '../dispatch/openSession.js';
import { localAppSession } from './openLocalSession.js';

let vaults: Map<string, DemoVault>;
beforeAll(async () => {
  vaults = await makeDemoVaults(['alice', 'dave', 'erin']);
});
afterAll(() => vaults.forEach((vault) => vault.close()));

function vaultOf(user: string) {
  const demo = vaults.get(user);
  if (demo === undefined) throw new Error(`no demo vault for ${user}`);
  return demo.vault;
}

const factsOf = async (user: string) => localAppSession(await openSession(vaultOf(user))).facts;

describe('when a session opens, its facts name the permissions the roles hold', () => {
  it('gives the maker payment preparation and statement import, but neither approval nor verification', async () => {
    const { permissions } = await factsOf('alice');
    expect(permissions).toEqual(expect.arrayContaining(['payments:create', 'payments:submit', 'payments:export', 'statements:import', 'payees:write', 'audit:read-own']));
    expect(permissions).not.toContain('payments:approve');
    expect(permissions).not.toContain('audit:verify');
    expect(permissions).not.toContain('vault:export-key');
  });

  it('gives the auditor the whole log and its verification, and no payment change', async () => {
    const { permissions } = await factsOf('dave');
    expect(permissions).toEqual(expect.arrayContaining(['audit:read', 'audit:verify', 'audit:export']));
    expect(permissions.filter((p) => p.startsWith('payments:') && p !== 'payments:read')).toEqual([]);
  });

  it('gives the viewer reading only, besides her own password and hardware keys, and syncing with the bank', async () => {
    const { permissions } = await factsOf('erin');
    // Her own keys and password protect her device and grant nothing over the company's data; a sync fetches
    // what she may read and sends only payments their maker's device holds.
    const ownSecrets = new Set(['vault:unlock', 'vault:passwd', 'keys:write', 'bank:sync']);
    expect(permissions.filter((p) => !p.endsWith(':read') && !p.endsWith(':read-own') && !ownSecrets.has(p))).toEqual([]);
    expect(permissions).toContain('accounts:read');
  });

  it('gives nothing beyond the read-only permissions once the policy has expired', async () => {
    const later = new Date(Date.now() + 400 * 24 * 60 * 60 * 1000);
    const session = await openSession(vaultOf('alice'), { now: () => later });
    const { permissions, policy } = localAppSession(session).facts;
    expect(policy.status).toBe('expired');
    expect(permissions).toContain('accounts:read');
    expect(permissions).not.toContain('payments:create');
  });
});
