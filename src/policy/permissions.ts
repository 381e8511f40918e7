import { z } from 'zod';

/**
 * The closed list of permissions. Every app command names exactly one of these; a capability file naming
 * anything else is refused, so a typo can never become a silent grant or a silent non-deny.
 */
export const PERMISSIONS = [
  'vault:unlock',
  'vault:passwd',
  'vault:export-key',
  'vault:rekey',
  'audit:read',
  'audit:verify',
  'audit:export',
  'accounts:read',
  'transactions:read',
  'payees:read',
  'payees:write',
  'payments:read',
  'payments:create',
  'payments:edit',
  'payments:cancel',
  'payments:submit',
  'payments:approve',
  'payments:export',
  'statements:import',
  'settings:write',
  'policy:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What stays allowed while the organisation policy is expired (offline read-only mode): reading, checking the
 * audit log, opening the vault to do so, and changing one's own vault password (it protects the device's
 * data and grants nobody anything). Nothing that changes banking data, rights or keys, and nothing that signs.
 */
export const READ_ONLY_PERMISSIONS = [
  'vault:unlock',
  'vault:passwd',
  'audit:read',
  'audit:verify',
  'audit:export',
  'accounts:read',
  'transactions:read',
  'payees:read',
  'payments:read',
  'policy:read',
] as const satisfies readonly Permission[];

const known: ReadonlySet<string> = new Set(PERMISSIONS);

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && known.has(value);
}

export const PermissionSchema = z.enum(PERMISSIONS, {
  error: (issue) =>
    typeof issue.input === 'string'
      ? `unknown permission id ${JSON.stringify(issue.input)}`
      : `expected a permission id or a {identifier, allow, deny} entry, found ${typeof issue.input}`,
}).meta({ id: 'PermissionId' });
