import fc from 'fast-check';
import { describe, it } from 'vitest';
import { authorize, type AuthorizationRequest } from './authorize.js';
import type { Capability, PermissionEntry, Scope } from './capabilitySchema.js';
import type { Permission } from '../contract/index.js';
import type { Currency } from '../domain/index.js';
import { ROLES } from './roles.js';

const ACCOUNTS = ['DE89370400440532013000', 'GB29NWBK60161331926819', 'FR1420041010050500013M02606'];
const CURRENCIES: Currency[] = ['EUR', 'CHF', 'USD'];
const SOME_PERMISSIONS: Permission[] = ['payments:create', 'payments:read', 'payees:write'];

const scopeArb: fc.Arbitrary<Scope> = fc.record(
  {
    accounts: fc.oneof(fc.constant(['*']), fc.subarray(ACCOUNTS, { minLength: 1 })) as fc.Arbitrary<string[]>,
    currencies: fc.subarray(CURRENCIES, { minLength: 1 }),
    maxAmountMinor: fc.nat(2_000),
  },
  { requiredKeys: [] },
);

const entryArb: fc.Arbitrary<PermissionEntry> = fc.oneof(
  fc.constantFrom(...SOME_PERMISSIONS),
  fc.record(
    {
      identifier: fc.constantFrom(...SOME_PERMISSIONS),
      allow: fc.array(scopeArb, { minLength: 1, maxLength: 3 }),
      deny: fc.array(scopeArb, { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: ['identifier'] },
  ),
);

const capabilitiesArb: fc.Arbitrary<Capability[]> = fc
  .array(
    fc.record({
      roles: fc.subarray([...ROLES], { minLength: 1 }),
      permissions: fc.array(entryArb, { minLength: 1, maxLength: 4 }),
    }),
    { maxLength: 4 },
  )
  .map((list) => list.map((capability, index) => ({ identifier: `c${index}`, description: 'generated', ...capability })));

const requestArb: fc.Arbitrary<AuthorizationRequest> = fc.record({
  roles: fc.subarray([...ROLES]),
  permission: fc.constantFrom(...SOME_PERMISSIONS),
  resource: fc.record(
    { account: fc.constantFrom(...ACCOUNTS), currency: fc.constantFrom(...CURRENCIES), amountMinor: fc.nat(3_000) },
    { requiredKeys: [] },
  ),
});

/** Adds one deny scope somewhere: as a new deny-only capability, or inside an existing entry. */
const withDenyArb = fc
  .tuple(capabilitiesArb, scopeArb, fc.constantFrom(...SOME_PERMISSIONS), fc.subarray([...ROLES], { minLength: 1 }), fc.nat(), fc.nat(), fc.boolean())
  .map(([capabilities, scope, identifier, roles, pickCapability, pickEntry, asNewCapability]) => {
    if (asNewCapability || capabilities.length === 0) {
      return { before: capabilities, after: [...capabilities, { identifier: 'added', description: 'deny', roles, permissions: [{ identifier, deny: [scope] }] }] };
    }
    const c = pickCapability % capabilities.length;
    const target = capabilities[c] as Capability;
    const e = pickEntry % target.permissions.length;
    const entry = target.permissions[e] as PermissionEntry;
    // A bare id grants everywhere, exactly like allow: [{}].
    const scoped = typeof entry === 'string' ? { identifier: entry, allow: [{}] } : entry;
    const changed = { ...scoped, deny: [...(scoped.deny ?? []), scope] };
    const permissions = target.permissions.map((old, index) => (index === e ? changed : old));
    return { before: capabilities, after: capabilities.map((old, index) => (index === c ? { ...target, permissions } : old)) };
  });

describe('when deny scopes are added', () => {
  it('never turns a denial into an allow', () => {
    fc.assert(
      fc.property(withDenyArb, requestArb, ({ before, after }, request) => {
        return authorize(before, request).ok || !authorize(after, request).ok;
      }),
    );
  });
  it('refuses every request of a role once that role is denied the permission with an empty scope', () => {
    fc.assert(
      fc.property(capabilitiesArb, requestArb, (capabilities, request) => {
        const [role] = request.roles;
        fc.pre(role !== undefined);
        const denyAll: Capability = { identifier: 'deny-all', description: 'x', roles: [role], permissions: [{ identifier: request.permission as Permission, deny: [{}] }] };
        return !authorize([...capabilities, denyAll], request).ok;
      }),
    );
  });

  it('refuses every request once an entry that allows everywhere also denies everywhere', () => {
    fc.assert(
      fc.property(capabilitiesArb, requestArb, fc.nat(), (capabilities, request, pick) => {
        const [role] = request.roles;
        fc.pre(role !== undefined && capabilities.length > 0);
        const c = pick % capabilities.length;
        const target = capabilities[c] as Capability;
        const others = target.permissions.filter((entry) => (typeof entry === 'string' ? entry : entry.identifier) !== request.permission);
        const both: PermissionEntry = { identifier: request.permission as Permission, allow: [{}], deny: [{}] };
        const changed = { ...target, roles: [...new Set([...target.roles, role])], permissions: [...others, both] };
        return !authorize(capabilities.map((old, index) => (index === c ? changed : old)), request).ok;
      }),
    );
  });
});

describe('when there are no capabilities', () => {
  it('denies everything', () => {
    fc.assert(fc.property(requestArb, fc.boolean(), (request, readOnly) => !authorize([], { ...request, readOnly }).ok));
  });
});

describe('when an unscoped grant without denies is added', () => {
  it('never turns an allow into a denial', () => {
    fc.assert(
      fc.property(capabilitiesArb, requestArb, fc.subarray([...ROLES], { minLength: 1 }), fc.constantFrom(...SOME_PERMISSIONS), (capabilities, request, roles, permission) => {
        const grant: Capability = { identifier: 'grant', description: 'x', roles, permissions: [permission] };
        return !authorize(capabilities, request).ok || authorize([...capabilities, grant], request).ok;
      }),
    );
  });
});
