import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { authorize } from './authorize.js';
import { parseCapabilities } from './parseCapabilities.js';
import { PERMISSIONS } from '../contract/index.js';
import { ROLES } from './roles.js';

const capabilitiesDir = fileURLToPath(new URL('../../capabilities/', import.meta.url));
const real = parseCapabilities(
  readdirSync(capabilitiesDir)
    .filter((name) => name.endsWith('.json') && name !== 'schema.json')
    .map((name) => ({ name, json: readFileSync(capabilitiesDir + name, 'utf8') })),
);

/**
 * The roles matrix of docs/permissions.md: the specification the committed capability files must meet.
 * Y = allowed (for a small EUR payment where the permission is scoped), . = denied.
 */
const MATRIX = `
                    viewer  maker  approver  auditor  admin
vault:unlock          Y       Y       Y         Y       Y
vault:read            Y       Y       Y         Y       Y
vault:passwd          Y       Y       Y         Y       Y
vault:export-key      .       .       .         .       Y
vault:rekey           .       .       .         .       Y
audit:read-own        Y       Y       Y         Y       Y
audit:read            .       .       .         Y       .
audit:verify          .       .       .         Y       Y
audit:export          .       .       .         Y       .
accounts:read         Y       Y       Y         Y       .
transactions:read     Y       Y       Y         Y       .
payees:read           .       Y       Y         Y       .
payees:write          .       Y       .         .       .
payments:read         Y       Y       Y         Y       .
payments:create       .       Y       .         .       .
payments:edit         .       Y       .         .       .
payments:cancel       .       Y       .         .       .
payments:submit       .       Y       .         .       .
payments:approve      .       .       Y         .       .
payments:export       .       Y       .         .       .
statements:import     .       Y       .         .       .
settings:write        .       .       .         .       Y
policy:read           .       Y       Y         Y       Y
keys:read             Y       Y       Y         Y       Y
keys:write            Y       Y       Y         Y       Y
bank:enrol            .       .       .         .       Y
bank:sync             Y       Y       Y         Y       Y
`;
const [header = '', ...rows] = MATRIX.trim().split('\n');
const columns = header.trim().split(/\s+/);
const expected = new Map(rows.map((row) => {
  const [permission = '', ...cells] = row.trim().split(/\s+/);
  return [permission, cells] as const;
}));

const smallEurPayment = { account: 'DE89370400440532013000', currency: 'EUR', amountMinor: 125_00 };

describe('when the committed capability files are checked against the roles matrix', () => {
  it('has a row for every permission and a column for every role', () => {
    expect([...expected.keys()].sort()).toEqual([...PERMISSIONS].sort());
    expect(columns).toEqual([...ROLES]);
  });
  for (const permission of PERMISSIONS) {
    ROLES.forEach((role, column) => {
      const allowed = expected.get(permission)?.[column] === 'Y';
      it(`${allowed ? 'allows' : 'refuses with POLICY_DENIED'} ${permission} for ${role}`, () => {
        const result = authorize(real, { roles: [role], permission, resource: smallEurPayment });
        expect(result.ok ? 'allowed' : result.reason).toBe(allowed ? 'allowed' : 'POLICY_DENIED');
      });
    });
  }
});

describe('when a maker prepares payments under the committed ceilings', () => {
  const create = (currency: string, amountMinor: number) =>
    authorize(real, { roles: ['maker'], permission: 'payments:create', resource: { account: smallEurPayment.account, currency, amountMinor } });

  it('allows EUR 250,000.00, the ceiling itself', () => {
    expect(create('EUR', 250_000_00)).toEqual({ ok: true });
  });
  it('refuses EUR 250,000.01 with POLICY_DENIED, saying the amount and the maximum', () => {
    const result = create('EUR', 250_000_01);
    expect(result).toMatchObject({ ok: false, reason: 'POLICY_DENIED' });
    expect(!result.ok && result.message).toContain('amount 25000001 is above the maximum 25000000 (EUR minor units)');
  });
  it('refuses GBP 200,000.01 although it is below the EUR ceiling, with POLICY_DENIED', () => {
    expect(create('GBP', 200_000_00)).toEqual({ ok: true });
    expect(create('GBP', 200_000_01)).toMatchObject({ ok: false, reason: 'POLICY_DENIED' });
  });
  it('refuses a currency no scope names (JPY) with POLICY_DENIED', () => {
    expect(create('JPY', 1)).toMatchObject({ ok: false, reason: 'POLICY_DENIED' });
  });
  it('refuses a payment whose amount is not stated with POLICY_DENIED', () => {
    expect(authorize(real, { roles: ['maker'], permission: 'payments:edit', resource: { currency: 'EUR' } })).toMatchObject({
      ok: false,
      reason: 'POLICY_DENIED',
    });
  });
  it('lets a user holding maker and approver roles do both, and nothing of the admin', () => {
    const roles = ['maker', 'approver'] as const;
    expect(authorize(real, { roles: [...roles], permission: 'payments:approve' })).toEqual({ ok: true });
    expect(authorize(real, { roles: [...roles], permission: 'payments:create', resource: smallEurPayment })).toEqual({ ok: true });
    expect(authorize(real, { roles: [...roles], permission: 'vault:rekey' })).toMatchObject({ ok: false, reason: 'POLICY_DENIED' });
  });
});

describe('when the organisation policy has expired and the app is read-only', () => {
  // docs/permissions.md "Offline": what still works, as far as the roles grant it.
  const stillAllowed = new Set(['vault:unlock', 'vault:read', 'vault:passwd', 'audit:read-own', 'audit:read', 'audit:verify', 'audit:export', 'accounts:read', 'transactions:read', 'payees:read', 'payments:read', 'policy:read', 'bank:sync']);
  for (const permission of PERMISSIONS) {
    it(`${stillAllowed.has(permission) ? 'keeps the matrix for' : 'refuses with POLICY_EXPIRED'} ${permission}`, () => {
      ROLES.forEach((role, column) => {
        const inMatrix = expected.get(permission)?.[column] === 'Y';
        const result = authorize(real, { roles: [role], permission, resource: smallEurPayment, readOnly: true });
        const want = !stillAllowed.has(permission) ? 'POLICY_EXPIRED' : inMatrix ? 'allowed' : 'POLICY_DENIED';
        expect(result.ok ? 'allowed' : result.reason).toBe(want);
      });
    });
  }
});
