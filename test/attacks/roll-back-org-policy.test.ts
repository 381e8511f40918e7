import type { CommandInput } from '../../src/api/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, installOrgPolicy, openSession } from '../../src/app/index.js';
import { demoOrgPolicy } from '../../src/app/demo/demoOrganisation.js';
import { CREDITOR_IBAN, EUR_ACCOUNT, makeDemoVault, signDemoPolicy, type DemoVault } from '../fixtures/demo/demoVault.js';

// Attack: the bank demoted Erin from maker to viewer with a newer policy. She puts the older policy —
// genuinely signed by the bank, still unexpired — back, to get her maker rights back.
const DAY = 24 * 60 * 60 * 1000;
const start = new Date('2026-03-01T08:00:00.000Z');
const later = new Date(start.getTime() + 3 * DAY);
const clock = () => new Date(later.getTime() + DAY);
let erin: DemoVault;
let oldJws: string;

beforeAll(async () => {
  const asMaker = demoOrgPolicy(start);
  asMaker.users = asMaker.users.map((u) => (u.id === 'erin' ? { ...u, roles: ['maker'] } : u));
  erin = await makeDemoVault('erin', { now: start, policy: asMaker });
  oldJws = await signDemoPolicy(asMaker);
  await installOrgPolicy(erin.vault, await signDemoPolicy(demoOrgPolicy(later)), { now: later });
});
afterAll(() => erin?.close());

const order = { from: EUR_ACCOUNT, toName: 'Erin Holdings Ltd', toIban: CREDITOR_IBAN, amount: '5000.00', currency: 'EUR'} satisfies CommandInput<'payments.create'>;

describe('when the older policy is installed again', () => {
  it('refuses it with POLICY_STALE and keeps her a viewer', async () => {
    await expect(installOrgPolicy(erin.vault, oldJws, { now: clock() })).toThrowCode('POLICY_STALE');
    const session = await openSession(erin.vault, { now: clock });
    expect(session.roles).toEqual(['viewer']);
    expect(await dispatch(session, 'payments.create', order)).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED' } });
  });
});

describe('when the older policy is written back into the vault file', () => {
  it('is refused at session start with POLICY_STALE: no roles, no payment', async () => {
    erin.vault.db.prepare('UPDATE org_policy SET jws = ?, issued_at = ?').run(oldJws, start.toISOString());
    const session = await openSession(erin.vault, { now: clock });
    expect(session.policy).toMatchObject({ status: 'unusable', code: 'POLICY_STALE' });
    expect(await dispatch(session, 'payments.create', order)).toMatchObject({ ok: false, error: { code: 'POLICY_STALE' } });
  });
});
