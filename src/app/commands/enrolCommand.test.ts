import { afterEach, describe, expect, it } from 'vitest';
import { anotherCode, demoBankWithCode, DEMO_ORG_ID, enrolFreshVault } from '../../../test/support/enrolledVault.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { startTestGateway } from '../../../test/support/gatewayClient.js';
import { lossyProxy } from '../../../test/support/lossyProxy.js';
import { makeTestVault } from '../../../test/support/testVault.js';
import { auditEntries, makeDemoVault, signDemoPolicy } from '../../../test/fixtures/demo/demoVault.js';
import { demoOrgPolicy } from '../demo/demoOrganisation.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';
import { installOrgPolicy } from '../policy/installOrgPolicy.js';
import { verifyVaultAudit } from '../audit/verifyVaultAudit.js';
import { addUser } from '../../server/index.js';
import { bookedBalanceAt, MAX_SEQ } from '../../server/statements/bookedBalanceAt.js';
import type { UnlockedVault } from '../../vault/index.js';

const open: UnlockedVault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.lock();
});

describeOnEachStore('a fresh vault enrols at the gateway', (stores) => {
  it('learns its user, the pinned bank key, the policy, the accounts and every booking, each change audited', async () => {
    const store = await stores.fresh();
    const { code, statementEntries } = await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    const { vault, enrolment } = await enrolFreshVault(gateway.url, code.toLowerCase());
    open.push(vault);
    expect(enrolment).toMatchObject({ gateway: gateway.url, orgId: DEMO_ORG_ID, userId: 'erin', roles: ['viewer'], accounts: 3 });
    expect(enrolment.statements.reduce((sum, s) => sum + s.entries, 0)).toBe(statementEntries);
    const session = await openSession(vault);
    expect([session.userId, session.policy.status, session.roles]).toEqual(['erin', 'valid', ['viewer']]);
    const accounts = await dispatch(session, 'accounts.list', {});
    expect(accounts.ok && accounts.value.accounts.map((a) => a.iban).sort()).toEqual(['DE62370400440532013001', 'DE89370400440532013000', 'GB29NWBK60161331926819']);
    // Each balance is the bank's own: its opening plus the year's bookings, which for the demo bank never goes negative.
    if (!accounts.ok) throw new Error(accounts.error.message);
    for (const account of accounts.value.accounts) {
      const banks = await bookedBalanceAt(store.db, store.dialect, account.iban, MAX_SEQ);
      expect([account.iban, account.balanceMinor]).toEqual([account.iban, banks]);
      expect(account.balanceMinor).toBeGreaterThan(0);
    }
    expect(vault.db.prepare('SELECT count(*) FROM statement_transactions').pluck().get()).toBe(statementEntries);
    const actions = auditEntries(vault).map((entry) => entry.action);
    expect(actions).toContain('bank.enrol');
    expect(actions.filter((action) => action === 'bank.statements').length).toBeGreaterThanOrEqual(3);
    // The log covers every row enrolment wrote: the connection, policy, accounts, bookings and cursors.
    const verified = await verifyVaultAudit(vault, {});
    expect(verified.records).toBeGreaterThan(statementEntries);
  });

  it('stands when the network fails during the statement history: it says so, and the next sync takes over the rest', async () => {
    const store = await stores.fresh();
    const { code, statementEntries } = await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    const proxy = await lossyProxy(gateway.url);
    proxy.loseAnswers('GET', '/v1/statements', 1);
    const { vault, enrolment } = await enrolFreshVault(proxy.url, code);
    open.push(vault);
    expect(enrolment.notice).toMatch(/coffer sync/);
    expect(auditEntries(vault).find((entry) => entry.action === 'bank.statements')).toMatchObject({ outcome: 'failed', reason: 'APP_GATEWAY_UNREACHABLE' });
    expect(await dispatch(await openSession(vault), 'bank.sync', {})).toMatchObject({ ok: true });
    expect(vault.db.prepare('SELECT count(*) FROM statement_transactions').pluck().get()).toBe(statementEntries);
  });

  it('pins the bank key it learnt: a policy signed by the demo key is refused from then on', async () => {
    const store = await stores.fresh();
    const { code } = await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    const { vault } = await enrolFreshVault(gateway.url, code);
    open.push(vault);
    const later = new Date(Date.now() + 60_000);
    const promoted = { ...demoOrgPolicy(later), orgId: DEMO_ORG_ID };
    promoted.users = promoted.users.map((user) => (user.id === 'erin' ? { ...user, roles: ['admin' as const] } : user));
    await expect(installOrgPolicy(vault, await signDemoPolicy(promoted), { now: later })).toThrowCode('POLICY_BAD_SIGNATURE');
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'policy.install', outcome: 'denied', reason: 'POLICY_BAD_SIGNATURE' });
  });

  it('refuses a code the bank did not issue with its code, audited, and the vault stays fresh', async () => {
    const store = await stores.fresh();
    await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    const { vault } = await makeTestVault();
    open.push(vault);
    const result = await dispatch(await openSession(vault), 'bank.enrol', { server: gateway.url, code: 'ABCD-EFGH-JKMN-PQRS-TVWX' });
    expect(result).toMatchObject({ ok: false, error: { code: 'SERVER_BAD_ACTIVATION_CODE' } });
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'bank.enrol', outcome: 'failed', reason: 'SERVER_BAD_ACTIVATION_CODE' });
    expect(vault.db.prepare('SELECT count(*) FROM bank_connection').pluck().get()).toBe(0);
    // Still fresh: a good code enrols it afterwards.
    const again = await dispatch(await openSession(vault), 'bank.enrol', { server: gateway.url, code: await anotherCode(store, 'erin') });
    expect(again).toMatchObject({ ok: true, value: { userId: 'erin' } });
  });

  it('enrols a vault once: a second enrolment, even by the admin, is refused with APP_ALREADY_ENROLLED before the gateway is asked', async () => {
    const store = await stores.fresh();
    await demoBankWithCode(store, 'alice');
    await addUser(store, 'sam', { orgId: DEMO_ORG_ID, userId: 'frank', name: 'Frank Admin', roles: ['admin'] });
    const gateway = await startTestGateway(store);
    const { vault } = await enrolFreshVault(gateway.url, await anotherCode(store, 'frank'));
    open.push(vault);
    const second = await anotherCode(store, 'frank');
    expect(await dispatch(await openSession(vault), 'bank.enrol', { server: gateway.url, code: second })).toMatchObject({ ok: false, error: { code: 'APP_ALREADY_ENROLLED' } });
    // The code was never sent: it still enrols another vault.
    const other = await enrolFreshVault(gateway.url, second);
    open.push(other.vault);
  });
});

describe('when enrolment is asked of the wrong vault or over plain http', () => {
  it("refuses a demo vault's admin with APP_ALREADY_ENROLLED, and its other users with POLICY_DENIED", async () => {
    const now = new Date();
    const policy = demoOrgPolicy(now);
    policy.users.push({ id: 'frank', name: 'Frank Admin', roles: ['admin'] });
    const demo = await makeDemoVault('frank', { policy, now });
    const auditor = await makeDemoVault('dave');
    try {
      const input = { server: 'https://bank.example', code: 'ABCD-EFGH-JKMN-PQRS-TVWX' };
      expect(await dispatch(await openSession(demo.vault), 'bank.enrol', input)).toMatchObject({ ok: false, error: { code: 'APP_ALREADY_ENROLLED' } });
      expect(await dispatch(await openSession(auditor.vault), 'bank.enrol', input)).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED' } });
    } finally {
      demo.close();
      auditor.close();
    }
  });

  for (const server of ['http://bank.example', 'http://10.0.0.8:8080', 'ftp://bank.example', 'https://user:pw@bank.example', 'https://bank.example/v1?x=1', 'bank.example']) {
    it(`refuses ${server} with APP_INSECURE_GATEWAY, audited, nothing sent`, async () => {
      const { vault } = await makeTestVault();
      open.push(vault);
      const result = await dispatch(await openSession(vault), 'bank.enrol', { server, code: 'ABCD-EFGH-JKMN-PQRS-TVWX' });
      expect(result).toMatchObject({ ok: false, error: { code: 'APP_INSECURE_GATEWAY' } });
      expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'bank.enrol', outcome: 'failed', reason: 'APP_INSECURE_GATEWAY' });
    });
  }
});
