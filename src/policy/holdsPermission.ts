import { isPermission } from '../contract/index.js';
import type { Capability } from './capabilitySchema.js';
import { READ_ONLY_PERMISSIONS } from './permissions.js';
import type { Role } from './roles.js';

const READ_ONLY: ReadonlySet<string> = new Set(READ_ONLY_PERMISSIONS);

/**
 * Whether any of `roles` is granted `permission` anywhere (an allow scope of any width). A command asks this
 * before it reads its input or the vault, so that a role without any grant learns nothing from validation
 * messages or from which records exist; `authorize` then decides for the resources actually touched.
 */
export function holdsPermission(capabilities: readonly Capability[], roles: readonly Role[], permission: string, readOnly = false): boolean {
  if (!isPermission(permission)) return false;
  if (readOnly && !READ_ONLY.has(permission)) return false;
  return capabilities.some(
    (capability) =>
      capability.roles.some((role) => roles.includes(role)) &&
      capability.permissions.some((entry) => (typeof entry === 'string' ? entry === permission : entry.identifier === permission && entry.allow !== undefined)),
  );
}
