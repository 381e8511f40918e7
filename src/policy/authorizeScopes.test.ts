import { describe, expect, it } from 'vitest';
import { authorize, type AuthorizationRequest } from './authorize.js';
import type { Capability } from './capabilitySchema.js';

const PAYROLL = 'DE89370400440532013000';
const OPERATIONS = 'GB29NWBK60161331926819';
const SUPPLIERS = 'FR1420041010050500013M02606';

const treasury: Capability = {
  identifier: 'treasury',
  description: 'Makers pay from two accounts in EUR and CHF.',
  roles: ['maker'],
  permissions: [
    {
      identifier: 'payments:create',
      allow: [
        { accounts: [PAYROLL, OPERATIONS], currencies: ['EUR'], maxAmountMinor: 10_000_00 },
        { accounts: [OPERATIONS], currencies: ['CHF'] },
      ],
    },
    'payments:read',
  ],
};

const create = (resource: AuthorizationRequest['resource'], capabilities: Capability[] = [treasury]) =>
  authorize(capabilities, { roles: ['maker'], permission: 'payments:create', resource });

describe('when a request falls inside an allow scope', () => {
  it('allows it, the IBAN may carry spaces and lower case', () => {
    expect(create({ account: PAYROLL, currency: 'EUR', amountMinor: 10_000_00 })).toEqual({ ok: true });
    expect(create({ account: 'gb29 nwbk 6016 1331 9268 19', currency: 'CHF', amountMinor: 99_999_999_00 })).toEqual({ ok: true });
  });
});

describe('when a request falls outside every allow scope', () => {
  it('refuses an amount above the maximum with POLICY_DENIED', () => {
    expect(create({ account: PAYROLL, currency: 'EUR', amountMinor: 10_000_01 })).toMatchObject({ ok: false, reason: 'POLICY_DENIED' });
  });
  it('refuses an account outside the scope with POLICY_DENIED, masking the IBAN', () => {
    const result = create({ account: SUPPLIERS, currency: 'EUR', amountMinor: 1 });
    expect(result).toMatchObject({ ok: false, reason: 'POLICY_DENIED' });
    expect(!result.ok && result.message).toContain('account FR…2606 is not among');
    expect(!result.ok && result.message).not.toContain(SUPPLIERS);
  });
  it('refuses a currency outside the scope with POLICY_DENIED', () => {
    expect(create({ account: PAYROLL, currency: 'CHF', amountMinor: 1 })).toMatchObject({ ok: false, reason: 'POLICY_DENIED' });
    expect(create({ account: OPERATIONS, currency: 'USD', amountMinor: 1 })).toMatchObject({ ok: false, reason: 'POLICY_DENIED' });
  });
  it('refuses a request that leaves out a field the scope restricts with POLICY_DENIED', () => {
    expect(create({ currency: 'EUR', amountMinor: 1 })).toMatchObject({ ok: false, reason: 'POLICY_DENIED' });
    expect(create(undefined)).toMatchObject({ ok: false, reason: 'POLICY_DENIED' });
  });
});

describe('when a deny scope matches', () => {
  const noPayroll: Capability = {
    identifier: 'no-payroll',
    description: 'Payroll is paid by the payroll team only.',
    roles: ['maker'],
    permissions: [{ identifier: 'payments:create', deny: [{ accounts: [PAYROLL] }] }],
  };
  const adminEverything: Capability = {
    identifier: 'admin-everything',
    description: 'An unrestricted grant to another role of the same user.',
    roles: ['admin'],
    permissions: ['payments:create'],
  };

  it('refuses what an allow scope covers with POLICY_DENIED, naming the deny entry', () => {
    expect(create({ account: PAYROLL, currency: 'EUR', amountMinor: 1 })).toEqual({ ok: true });
    const result = create({ account: PAYROLL, currency: 'EUR', amountMinor: 1 }, [treasury, noPayroll]);
    expect(result).toMatchObject({ ok: false, reason: 'POLICY_DENIED' });
    expect(!result.ok && result.message).toContain('refused by capability no-payroll deny[0]');
  });
  it('refuses even when another role of the same user grants it unrestricted, with POLICY_DENIED', () => {
    const request = { roles: ['maker', 'admin'] as const, permission: 'payments:create', resource: { account: PAYROLL, currency: 'EUR', amountMinor: 1 } };
    expect(authorize([treasury, adminEverything], { ...request, roles: [...request.roles] })).toEqual({ ok: true });
    expect(authorize([treasury, adminEverything, noPayroll], { ...request, roles: [...request.roles] })).toMatchObject({ ok: false, reason: 'POLICY_DENIED' });
  });
  it('refuses a request that leaves out the account the deny names, with POLICY_DENIED', () => {
    const anywhere: Capability = { ...treasury, identifier: 'anywhere', permissions: ['payments:create'] };
    expect(create({ currency: 'EUR', amountMinor: 1 }, [anywhere])).toEqual({ ok: true });
    expect(create({ currency: 'EUR', amountMinor: 1 }, [anywhere, noPayroll])).toMatchObject({ ok: false, reason: 'POLICY_DENIED' });
  });
  it('refuses only above a deny ceiling: maxAmountMinor in a deny hits larger amounts', () => {
    const bigEur: Capability = { ...noPayroll, identifier: 'big-eur', permissions: [{ identifier: 'payments:create', deny: [{ currencies: ['EUR'], maxAmountMinor: 5_000_00 }] }] };
    expect(create({ account: OPERATIONS, currency: 'EUR', amountMinor: 5_000_00 }, [treasury, bigEur])).toEqual({ ok: true });
    expect(create({ account: OPERATIONS, currency: 'EUR', amountMinor: 5_000_01 }, [treasury, bigEur])).toMatchObject({ ok: false, reason: 'POLICY_DENIED' });
    expect(create({ account: OPERATIONS, currency: 'CHF', amountMinor: 9_000_00 }, [treasury, bigEur])).toEqual({ ok: true });
  });
  it('refuses what the same entry allows, with POLICY_DENIED', () => {
    const exceptPayroll: Capability = { ...treasury, permissions: [{ identifier: 'payments:create', allow: [{}], deny: [{ accounts: [PAYROLL] }] }] };
    expect(create({ account: OPERATIONS, currency: 'USD', amountMinor: 1 }, [exceptPayroll])).toEqual({ ok: true });
    expect(create({ account: PAYROLL, currency: 'USD', amountMinor: 1 }, [exceptPayroll])).toMatchObject({ ok: false, reason: 'POLICY_DENIED' });
  });
  it('grants nothing through a deny-only entry: it only takes away', () => {
    expect(authorize([noPayroll], { roles: ['maker'], permission: 'payments:create', resource: { account: OPERATIONS, currency: 'EUR', amountMinor: 1 } }))
      .toMatchObject({ ok: false, reason: 'POLICY_DENIED' });
  });
});

describe('when the request itself is wrong', () => {
  it('refuses an unknown permission with POLICY_UNKNOWN_PERMISSION', () => {
    expect(authorize([treasury], { roles: ['maker'], permission: 'payments:delete' })).toMatchObject({ ok: false, reason: 'POLICY_UNKNOWN_PERMISSION' });
  });
  it('refuses a lower-case currency, a fractional amount and a non-IBAN account with POLICY_BAD_REQUEST', () => {
    for (const resource of [
      { account: PAYROLL, currency: 'eur', amountMinor: 1 },
      { account: PAYROLL, currency: 'EUR', amountMinor: 1.5 },
      { account: PAYROLL, currency: 'EUR', amountMinor: -1 },
      { account: 'payroll', currency: 'EUR', amountMinor: 1 },
    ]) {
      expect(create(resource)).toMatchObject({ ok: false, reason: 'POLICY_BAD_REQUEST' });
    }
  });
  it('refuses a user without roles with POLICY_DENIED, saying no role was found', () => {
    const result = authorize([treasury], { roles: [], permission: 'payments:read' });
    expect(result).toMatchObject({ ok: false, reason: 'POLICY_DENIED' });
    expect(!result.ok && result.message).toContain('found none for no roles');
  });
});

describe('when the organisation policy has expired (read-only mode)', () => {
  it('still allows reading and refuses changes with POLICY_EXPIRED', () => {
    expect(authorize([treasury], { roles: ['maker'], permission: 'payments:read', readOnly: true })).toEqual({ ok: true });
    expect(create({ account: PAYROLL, currency: 'EUR', amountMinor: 1 })).toEqual({ ok: true });
    expect(
      authorize([treasury], { roles: ['maker'], permission: 'payments:create', resource: { account: PAYROLL, currency: 'EUR', amountMinor: 1 }, readOnly: true }),
    ).toMatchObject({ ok: false, reason: 'POLICY_EXPIRED' });
  });
});
