import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { verifyOrgPolicy } from '../../policy/index.js';
import type { GatewayStore } from '../store/openStore.js';
import { addAccount } from './addAccount.js';
import { addUser } from './addUser.js';
import { loadBankKey } from './bankKey.js';
import { createOrganisation } from './createOrganisation.js';
import { currentPolicy } from './issueOrgPolicy.js';
import { removeUser } from './removeUser.js';
import { setAllowedAaguids } from './setAllowedAaguids.js';
import { setApprovalRule } from './setApprovalRule.js';
import { setRoles } from './setRoles.js';
import { verifyGatewayAudit } from './verifyGatewayAudit.js';

const NOW = Date.parse('2026-03-02T09:00:00Z');
const EUR_ACCOUNT = 'DE89370400440532013000';

async function currentOrgPolicy(store: GatewayStore, orgId: string) {
  const stored = await currentPolicy(store.db, orgId);
  if (!stored) throw new Error('expected a policy');
  const bankKey = await loadBankKey(store.db, NOW);
  return { version: stored.version, policy: await verifyOrgPolicy(stored.jws, bankKey.verificationKey, new Date(NOW), { orgId }) };
}

async function counts(store: GatewayStore) {
  const policies = await store.db.selectFrom('policies').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const audit = await store.db.selectFrom('gateway_audit').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return { policies: Number(policies.n), audit: Number(audit.n) };
}

async function nordlicht(store: GatewayStore) {
  await createOrganisation(store, 'sam', { orgId: 'nordlicht', name: 'Nordlicht Handels GmbH' }, NOW);
  await addUser(store, 'sam', { orgId: 'nordlicht', userId: 'alice', name: 'Alice Maker', roles: ['maker'] }, NOW);
  await addUser(store, 'sam', { orgId: 'nordlicht', userId: 'bob', name: 'Bob Approver', roles: ['approver'] }, NOW);
}

describeOnEachStore('bank staff change an organisation', (stores) => {
  it('re-issues the policy, signed by the bank key, at every change', async () => {
    const store = await stores.fresh();
    await nordlicht(store);
    await setApprovalRule(store, 'sam', { orgId: 'nordlicht', account: EUR_ACCOUNT, currency: 'EUR', minAmountMinor: 0, approvers: [{ userId: 'bob', signatureClass: 'E' }] }, NOW);
    await setRoles(store, 'sam', { orgId: 'nordlicht', userId: 'alice', roles: ['maker', 'viewer'] }, NOW);
    await addAccount(store, 'sam', { orgId: 'nordlicht', iban: 'DE89 3704 0044 0532 0130 00', currency: 'EUR', name: 'Operating' }, NOW);
    const { version, policy } = await currentOrgPolicy(store, 'nordlicht');
    expect(version).toBe(6);
    expect(policy.users).toEqual([
      { id: 'alice', name: 'Alice Maker', roles: ['maker', 'viewer'] },
      { id: 'bob', name: 'Bob Approver', roles: ['approver'] },
    ]);
    expect(policy.approvalRules).toEqual([{ account: EUR_ACCOUNT, currency: 'EUR', minAmountMinor: 0, approvers: [{ userId: 'bob', signatureClass: 'E' }] }]);
    expect(await verifyGatewayAudit(store.db)).toBe(6);
  });

  it('leaves a removed user out of the next policy', async () => {
    const store = await stores.fresh();
    await nordlicht(store);
    await removeUser(store, 'sam', { orgId: 'nordlicht', userId: 'alice' }, NOW);
    const { policy } = await currentOrgPolicy(store, 'nordlicht');
    expect(policy.users.map((user) => user.id)).toEqual(['bob']);
    await expect(removeUser(store, 'sam', { orgId: 'nordlicht', userId: 'alice' }, NOW)).toThrowCode('SERVER_NOT_FOUND');
  });

  it('refuses a rule naming someone who is no user with POLICY_BAD_POLICY and changes nothing', async () => {
    const store = await stores.fresh();
    await nordlicht(store);
    const before = await counts(store);
    await expect(
      setApprovalRule(store, 'sam', { orgId: 'nordlicht', account: '*', minAmountMinor: 0, approvers: [{ userId: 'mallory', signatureClass: 'E' }] }, NOW),
    ).toThrowCode('POLICY_BAD_POLICY');
    expect(await counts(store)).toEqual(before);
    expect(await store.db.selectFrom('approval_rules').selectAll().execute()).toEqual([]);
  });

  it('refuses to remove an approver still named in a rule, and changes nothing', async () => {
    const store = await stores.fresh();
    await nordlicht(store);
    await setApprovalRule(store, 'sam', { orgId: 'nordlicht', account: '*', minAmountMinor: 0, approvers: [{ userId: 'bob', signatureClass: 'E' }] }, NOW);
    const before = await counts(store);
    await expect(removeUser(store, 'sam', { orgId: 'nordlicht', userId: 'bob' }, NOW)).toThrowCode('POLICY_BAD_POLICY');
    expect(await counts(store)).toEqual(before);
    const bob = await store.db.selectFrom('org_users').select('removed_at').where('user_id', '=', 'bob').executeTakeFirstOrThrow();
    expect(bob.removed_at).toBeNull();
  });

  it('refuses bad input with SERVER_BAD_REQUEST naming the field', async () => {
    const store = await stores.fresh();
    await nordlicht(store);
    const before = await counts(store);
    await expect(addAccount(store, 'sam', { orgId: 'nordlicht', iban: 'DE00370400440532013000', currency: 'EUR', name: 'X' }, NOW)).toThrowCode('SERVER_BAD_REQUEST');
    await expect(addUser(store, 'sam', { orgId: 'nordlicht', userId: 'carol', name: 'Carol', roles: ['boss' as 'viewer'] }, NOW)).toThrowCode('SERVER_BAD_REQUEST');
    await expect(createOrganisation(store, 'sam', { orgId: 'nordlicht', name: 'Again' }, NOW)).toThrowCode('SERVER_EXISTS');
    await expect(addUser(store, 'sam', { orgId: 'nowhere', userId: 'carol', name: 'Carol', roles: ['viewer'] }, NOW)).toThrowCode('SERVER_NOT_FOUND');
    expect(await counts(store)).toEqual(before);
  });

  it("stores the balance an account's feed opens with, audits its date but never its amount, and refuses a bad one changing nothing", async () => {
    const store = await stores.fresh();
    await nordlicht(store);
    const before = await counts(store);
    await expect(addAccount(store, 'sam', { orgId: 'nordlicht', iban: EUR_ACCOUNT, currency: 'EUR', name: 'Operating', openingBalanceMinor: 1.5 }, NOW)).toThrowCode('SERVER_BAD_REQUEST');
    await expect(addAccount(store, 'sam', { orgId: 'nordlicht', iban: EUR_ACCOUNT, currency: 'EUR', name: 'Operating', openingDate: '2026-02-30' }, NOW)).toThrowCode('SERVER_BAD_REQUEST');
    expect(await counts(store)).toEqual(before);
    expect(await store.db.selectFrom('accounts').select('iban').execute()).toEqual([]);

    await addAccount(store, 'sam', { orgId: 'nordlicht', iban: EUR_ACCOUNT, currency: 'EUR', name: 'Operating', openingBalanceMinor: -1200_50, openingDate: '2026-02-01' }, NOW);
    await addAccount(store, 'sam', { orgId: 'nordlicht', iban: 'GB29NWBK60161331926819', currency: 'GBP', name: 'Sterling' }, NOW);
    const rows = await store.db.selectFrom('accounts').select(['iban', 'opening_balance_minor', 'opening_balance_date']).orderBy('iban').execute();
    expect(rows.map((row) => [row.iban, Number(row.opening_balance_minor), row.opening_balance_date])).toEqual([
      [EUR_ACCOUNT, -1200_50, '2026-02-01'],
      ['GB29NWBK60161331926819', 0, '2026-03-02'],
    ]);
    const entry = await store.db.selectFrom('gateway_audit').select('details').where('action', '=', 'account.add').orderBy('seq').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details)).toMatchObject({ iban: EUR_ACCOUNT, openingDate: '2026-02-01' });
    expect(entry.details).not.toMatch(/120050|1200\.50/);
  });

  it('signs the authenticator models staff allow into the policy (hardwareKeys.allowedAaguids), audited; a bad one changes nothing; null allows any', async () => {
    const store = await stores.fresh();
    await nordlicht(store);
    const before = await counts(store);
    await expect(setAllowedAaguids(store, 'sam', { orgId: 'nordlicht', aaguids: ['not-a-uuid'] }, NOW)).toThrowCode('SERVER_BAD_REQUEST');
    await expect(setAllowedAaguids(store, 'sam', { orgId: 'nordlicht', aaguids: [] }, NOW)).toThrowCode('SERVER_BAD_REQUEST');
    await expect(setAllowedAaguids(store, 'sam', { orgId: 'nowhere', aaguids: null }, NOW)).toThrowCode('SERVER_NOT_FOUND');
    expect(await counts(store)).toEqual(before);

    const yubiKey = 'cb69481e-8ff7-4039-93ec-0a2729a154a8';
    await setAllowedAaguids(store, 'sam', { orgId: 'nordlicht', aaguids: [yubiKey.toUpperCase(), yubiKey] }, NOW);
    expect((await currentOrgPolicy(store, 'nordlicht')).policy.hardwareKeys).toEqual({ allowedAaguids: [yubiKey] });
    const entry = await store.db.selectFrom('gateway_audit').select(['action', 'actor', 'details']).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect({ ...entry, details: JSON.parse(entry.details) as unknown }).toMatchObject({ action: 'keys.allow', actor: 'staff:sam', details: { aaguids: [yubiKey] } });
    await setAllowedAaguids(store, 'sam', { orgId: 'nordlicht', aaguids: null }, NOW);
    expect((await currentOrgPolicy(store, 'nordlicht')).policy.hardwareKeys).toBeUndefined();
  });

  it('keeps one bank key however many processes ask for it first', async () => {
    const store = await stores.fresh();
    const keys = await Promise.all([loadBankKey(store.db, NOW), loadBankKey(store.db, NOW), loadBankKey(store.db, NOW)]);
    const publicKeys = new Set(keys.map((key) => Buffer.from(key.verificationKey.publicKey).toString('hex')));
    expect(publicKeys.size).toBe(1);
  });
});
