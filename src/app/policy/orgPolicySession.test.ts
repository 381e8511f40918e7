import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, bankingRowCounts, CREDITOR_IBAN, EUR_ACCOUNT, makeDemoVault, makeDemoVaults, signDemoPolicy, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { makeTestVault } from '../../../test/support/testVault.js';
import { jwsVerificationKeyFor } from '../../crypto/index.js';
import { READ_ONLY_PERMISSIONS } from '../../policy/index.js';
import { COMMAND_LIST } from '../commands/registry.js';
import { DEMO_BANK_SIGNING_KEY } from '../demo/demoBankKey.js';
import { demoOrgPolicy } from '../demo/demoOrganisation.js';
import { dispatch, dispatchUnknown } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';
import { BANK_VERIFICATION_KEY, DEMO_BANK_VERIFICATION_KEY } from './bankTrustAnchor.js';
import { installOrgPolicy } from './installOrgPolicy.js';

const DAY = 24 * 60 * 60 * 1000;
const seededAt = new Date('2026-01-05T09:00:00.000Z');
const afterExpiry = new Date(seededAt.getTime() + 91 * DAY);
const clock = (at: Date) => () => at;

let vaults: Map<string, DemoVault>;
const alice = () => vaults.get('alice') as DemoVault;
const erin = () => vaults.get('erin') as DemoVault;

beforeAll(async () => {
  vaults = await makeDemoVaults(['alice', 'erin', 'mallory'], { now: seededAt });
});
afterAll(() => {
  for (const v of vaults?.values() ?? []) v.close();
});

it('pins the demo bank key whose private half the demo seed uses, and says so', () => {
  expect(Buffer.from(jwsVerificationKeyFor(DEMO_BANK_SIGNING_KEY).publicKey)).toEqual(Buffer.from(DEMO_BANK_VERIFICATION_KEY.publicKey));
  expect(BANK_VERIFICATION_KEY).toBe(DEMO_BANK_VERIFICATION_KEY);
});

describe('when the cached policy is valid', () => {
  it('gives the user the roles the bank signed for them', async () => {
    const session = await openSession(alice().vault, { now: clock(new Date(seededAt.getTime() + DAY)) });
    expect(session.policy.status).toBe('valid');
    expect(session.roles).toEqual(['maker']);
  });

  it('gives a user the policy does not name no roles at all', async () => {
    const session = await openSession(vaults.get('mallory')?.vault ?? alice().vault, { now: clock(seededAt) });
    expect(session.roles).toEqual([]);
    expect(await dispatch(session, 'accounts.list', {})).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED' } });
  });
});

describe('when the cached policy has expired', () => {
  const write = { from: EUR_ACCOUNT, toName: 'Offline GmbH', toIban: CREDITOR_IBAN, amount: '5.00', currency: 'EUR' };

  it('opens read-only, says why, and records it', async () => {
    const session = await openSession(alice().vault, { now: clock(afterExpiry) });
    expect(session.policy).toMatchObject({ status: 'expired', code: 'POLICY_EXPIRED' });
    if (session.policy.status === 'expired') expect(session.policy.message).toMatch(/expired at .*read-only/);
    expect(auditEntries(alice().vault).at(-1)).toMatchObject({ action: 'policy.verify', outcome: 'denied', reason: 'POLICY_EXPIRED' });
  });

  it('still lets the user read what their roles allow', async () => {
    const session = await openSession(alice().vault, { now: clock(afterExpiry) });
    expect(await dispatch(session, 'accounts.list', {})).toMatchObject({ ok: true });
    expect(await dispatch(session, 'payments.show', { id: 'demo-0004' })).toMatchObject({ ok: true });
  });

  it('refuses every write with POLICY_EXPIRED, changes nothing, and audits each refusal', async () => {
    const { vault } = alice();
    const session = await openSession(vault, { now: clock(afterExpiry) });
    const rows = bankingRowCounts(vault);
    for (const [name, input] of [
      ['payments.create', write],
      ['payments.submit', { id: 'demo-0001' }],
      ['payments.cancel', { id: 'demo-0002' }],
      ['payees.add', { name: 'Offline GmbH', iban: CREDITOR_IBAN }],
    ] as const) {
      expect(await dispatchUnknown(session, name, input), name).toMatchObject({ ok: false, error: { code: 'POLICY_EXPIRED' } });
      expect(auditEntries(vault).at(-1)).toMatchObject({ action: name, outcome: 'denied', reason: 'POLICY_EXPIRED' });
    }
    expect(bankingRowCounts(vault)).toEqual(rows);
  });

  it('keeps every command that changes the vault out of read-only mode, but one\'s own secrets, the exports (recorded reads), the record of the window\'s refusals and the sync that brings a new policy', () => {
    const readOnlyWrites = COMMAND_LIST.filter((c) => c.spec.changes && (READ_ONLY_PERMISSIONS as readonly string[]).includes(c.spec.permission)).map((c) => c.spec.name);
    expect(readOnlyWrites.sort()).toEqual(['audit.export', 'bank.sync', 'desktop.blocked', 'payments.export-approvals', 'transactions.export', 'vault.passwd', 'vault.recovery-code']);
  });
});

describe('when a new policy arrives from the bank', () => {
  it('refuses another organisation\'s policy with POLICY_WRONG_ORG, audited', async () => {
    const other = { ...demoOrgPolicy(new Date(seededAt.getTime() + DAY)), orgId: 'another-org' };
    await expect(installOrgPolicy(erin().vault, await signDemoPolicy(other), { now: new Date(seededAt.getTime() + DAY) })).toThrowCode('POLICY_WRONG_ORG');
    expect(auditEntries(erin().vault).at(-1)).toMatchObject({ action: 'policy.install', outcome: 'denied', reason: 'POLICY_WRONG_ORG' });
  });

  it('refuses an older policy than the one stored with POLICY_STALE (no rollback to revoked rights)', async () => {
    const older = demoOrgPolicy(new Date(seededAt.getTime() - DAY));
    await expect(installOrgPolicy(erin().vault, await signDemoPolicy(older), { now: seededAt })).toThrowCode('POLICY_STALE');
  });

  it('applies a newer one: the viewer the bank made a maker may now create payments', async () => {
    const { vault } = erin();
    const later = new Date(seededAt.getTime() + 2 * DAY);
    const promoted = demoOrgPolicy(later);
    promoted.users = promoted.users.map((u) => (u.id === 'erin' ? { ...u, roles: ['maker'] } : u));
    const before = await dispatch(await openSession(vault, { now: clock(later) }), 'payments.create', { from: EUR_ACCOUNT, toName: 'Erin Pays Ltd', toIban: CREDITOR_IBAN, amount: '1.00', currency: 'EUR' });
    expect(before).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED' } });
    await installOrgPolicy(vault, await signDemoPolicy(promoted), { now: later });
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'policy.install', outcome: 'allowed', target: 'demo-nordlicht' });
    const after = await dispatch(await openSession(vault, { now: clock(later) }), 'payments.create', { from: EUR_ACCOUNT, toName: 'Erin Pays Ltd', toIban: CREDITOR_IBAN, amount: '1.00', currency: 'EUR' });
    expect(after).toMatchObject({ ok: true });
  });
});

describe('when the vault holds no policy', () => {
  it('makes its owner its admin and auditor and nothing else: no banking, no policy reading', async () => {
    const { vault } = await makeTestVault();
    try {
      const session = await openSession(vault);
      expect(session.policy).toMatchObject({ status: 'none', code: 'APP_NO_POLICY' });
      expect(session.roles).toEqual(['admin', 'auditor']);
      expect(await dispatch(session, 'settings.set', { autoLockSeconds: 120 })).toMatchObject({ ok: true });
      expect(await dispatch(session, 'audit.log', {})).toMatchObject({ ok: true, value: { scope: 'all' } });
      expect(await dispatchUnknown(session, 'payees.add', { name: 'Owner GmbH', iban: CREDITOR_IBAN })).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED' } });
    } finally {
      vault.lock();
    }
  });

  it('is not fooled by a deleted policy: an enrolled vault without its policy refuses everything', async () => {
    const own = await makeDemoVault('alice');
    const { vault } = own;
    vault.db.prepare('DELETE FROM org_policy').run();
    try {
      const session = await openSession(vault);
      expect(session.policy).toMatchObject({ status: 'unusable', code: 'POLICY_BAD_POLICY' });
      expect(session.roles).toEqual([]);
      expect(await dispatch(session, 'vault.show', {})).toMatchObject({ ok: false, error: { code: 'POLICY_BAD_POLICY' } });
    } finally {
      own.close();
    }
  });
});
