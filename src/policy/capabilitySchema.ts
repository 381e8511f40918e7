import { z } from 'zod';
import { AccountOrAnySchema, AmountMinorSchema, CurrencyCodeSchema } from './bankValues.js';
import { PermissionSchema } from './permissions.js';
import { RoleSchema } from './roles.js';

/** Every capability file names the committed JSON Schema beside it, so editors validate while typing. */
export const CAPABILITY_SCHEMA_REF = './schema.json';

/** Refuses a list naming the same value twice, and says which value. */
function once<T>(what: string, key: (value: T) => string = String) {
  return (values: readonly T[], ctx: z.core.$RefinementCtx<T[]>) => {
    const seen = new Set<string>();
    for (const value of values) {
      const name = key(value);
      if (seen.has(name)) ctx.addIssue({ code: 'custom', message: `expected each ${what} once, found ${JSON.stringify(name)} twice` });
      seen.add(name);
    }
  };
}

/**
 * Narrows an entry to some accounts, currencies and amounts. Each stated field narrows; an omitted field
 * does not. In `allow` a scope covers a request when every stated field admits it (account listed, currency
 * listed, amount ≤ maxAmountMinor). In `deny` a scope hits a request when every stated field matches it
 * (account listed, currency listed, amount > maxAmountMinor). maxAmountMinor is in minor units of the one
 * currency the scope names: minor units of different currencies are not comparable.
 */
export const ScopeSchema = z
  .strictObject({
    accounts: z
      .array(AccountOrAnySchema)
      .min(1)
      .superRefine(once('account'))
      .refine((accounts) => !accounts.includes('*') || accounts.length === 1, 'expected "*" alone, not mixed with IBANs')
      .optional()
      .meta({ description: 'IBANs in electronic format, or ["*"] for every account.', uniqueItems: true }),
    currencies: z
      .array(CurrencyCodeSchema)
      .min(1)
      .superRefine(once('currency'))
      .optional()
      .meta({ description: 'ISO 4217 codes.', uniqueItems: true }),
    maxAmountMinor: AmountMinorSchema.optional().meta({
      description: 'Ceiling in minor units of the single listed currency: allow up to it, deny above it.',
    }),
  })
  .refine((scope) => scope.maxAmountMinor === undefined || scope.currencies?.length === 1, {
    message: 'expected exactly one currency beside maxAmountMinor (minor units of different currencies are not comparable)',
    path: ['currencies'],
  })
  .meta({
    id: 'CapabilityScope',
    if: { required: ['maxAmountMinor'] },
    then: { required: ['currencies'], properties: { currencies: { maxItems: 1 } } },
  });
export type Scope = z.infer<typeof ScopeSchema>;

/** A permission with scopes. Without `allow` the entry grants nothing and only adds its denies. */
export const ScopedPermissionSchema = z.strictObject({
  identifier: PermissionSchema,
  allow: z.array(ScopeSchema).min(1).optional().meta({ description: 'Granted within any of these scopes; [{}] grants everywhere.' }),
  deny: z.array(ScopeSchema).min(1).optional().meta({ description: 'Refused within any of these scopes, whatever any capability allows.' }),
});
export type ScopedPermission = z.infer<typeof ScopedPermissionSchema>;

/** A bare permission id grants it everywhere; an object narrows it with scopes. */
export const PermissionEntrySchema = z.union([PermissionSchema, ScopedPermissionSchema]);
export type PermissionEntry = z.infer<typeof PermissionEntrySchema>;

const CapabilityFields = {
  identifier: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,63}$/, 'expected a kebab-case identifier of at most 64 characters')
    .meta({ description: 'Unique among all capability files.' }),
  description: z.string().min(1).max(500),
  roles: z.array(RoleSchema).min(1).superRefine(once('role')).meta({ description: 'Roles of the organisation policy this capability applies to.', uniqueItems: true }),
  permissions: z
    .array(PermissionEntrySchema)
    .min(1)
    .superRefine(once('permission per capability', (entry: PermissionEntry) => (typeof entry === 'string' ? entry : entry.identifier))),
};

/** A capability as the policy layer uses it. */
export const CapabilitySchema = z.strictObject(CapabilityFields);
export type Capability = z.infer<typeof CapabilitySchema>;

/** A `capabilities/*.json` file: a capability plus its `$schema` reference. */
export const CapabilityFileSchema = z
  .strictObject({ $schema: z.literal(CAPABILITY_SCHEMA_REF, { error: (issue) => `expected "${CAPABILITY_SCHEMA_REF}", found ${JSON.stringify(issue.input) ?? 'nothing'}` }), ...CapabilityFields })
  .meta({
    title: 'Coffer capability',
    description: 'Grants permissions, optionally narrowed by scopes, to roles of the organisation policy. Deny by default; deny wins.',
  });
