import { z } from 'zod';
import { PERMISSIONS, type Permission } from '../contract/index.js';

/**
 * What stays allowed while the organisation policy is expired (offline read-only mode): reading, checking the
 * audit log, opening the vault to do so, and changing one's own vault password (it protects the device's
 * data and grants nobody anything), and syncing with the bank, which is how a new policy arrives (the sync sends
 * payments only under a valid policy, and the gateway decides each by its own). Nothing that changes banking
 * data, rights or keys by itself, and nothing that signs.
 */
export const READ_ONLY_PERMISSIONS = [
  'vault:unlock',
  'vault:read',
  'vault:passwd',
  'audit:read-own',
  'audit:read',
  'audit:verify',
  'audit:export',
  'accounts:read',
  'transactions:read',
  'payees:read',
  'payments:read',
  'policy:read',
  'bank:sync',
] as const satisfies readonly Permission[];

export const PermissionSchema = z.enum(PERMISSIONS, {
  error: (issue) =>
    typeof issue.input === 'string'
      ? `unknown permission id ${JSON.stringify(issue.input)}`
      : `expected a permission id or a {identifier, allow, deny} entry, found ${typeof issue.input}`,
}).meta({ id: 'PermissionId' });
