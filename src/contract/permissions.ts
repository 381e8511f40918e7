/**
 * The closed list of permissions. Every app command names exactly one of these; a capability file naming
 * anything else is refused, so a typo can never become a silent grant or a silent non-deny. It lives in the
 * contract because the renderer and the gateway read command declarations too.
 */
export const PERMISSIONS = [
  'vault:unlock',
  'vault:read',
  'vault:passwd',
  'vault:export-key',
  'vault:rekey',
  'audit:read-own',
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
  'keys:read',
  'keys:write',
  'bank:enrol',
  'bank:sync',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const known: ReadonlySet<string> = new Set(PERMISSIONS);

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && known.has(value);
}
