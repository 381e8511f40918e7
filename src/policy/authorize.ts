import { normalizeRequestAccount } from './bankValues.js';
import type { Capability, PermissionEntry } from './capabilitySchema.js';
import { isPermission } from '../contract/index.js';
import { READ_ONLY_PERMISSIONS } from './permissions.js';
import type { Role } from './roles.js';
import { allowScopeMiss, denyScopeHits, maskIban, type NormalizedResource } from './scopeMatch.js';

/** What a command touches. Commands on a payment name its debtor account, currency and amount. */
export interface Resource {
  /** IBAN of the account acted on (spaces and lower case are tolerated). */
  account?: string;
  /** ISO 4217 code, upper case. */
  currency?: string;
  /** Integer minor units of `currency`. */
  amountMinor?: number;
}

export interface AuthorizationRequest {
  /** The user's roles from the verified organisation policy. */
  roles: readonly Role[];
  /** A Permission; typed as string because it may come straight from IPC, and unknown ids are refused. */
  permission: string;
  resource?: Resource;
  /** True while the organisation policy is expired: only READ_ONLY_PERMISSIONS pass. */
  readOnly?: boolean;
}

export type AuthorizationDenialCode = 'POLICY_DENIED' | 'POLICY_UNKNOWN_PERMISSION' | 'POLICY_BAD_REQUEST' | 'POLICY_EXPIRED';

export type AuthorizationResult = { ok: true } | { ok: false; reason: AuthorizationDenialCode; message: string };

const READ_ONLY: ReadonlySet<string> = new Set(READ_ONLY_PERMISSIONS);
const refuse = (reason: AuthorizationDenialCode, message: string): AuthorizationResult => ({ ok: false, reason, message });

function normalize(resource: Resource | undefined): NormalizedResource | string {
  const out: NormalizedResource = {};
  if (resource === undefined) return out;
  if (resource.account !== undefined) {
    const account = typeof resource.account === 'string' ? normalizeRequestAccount(resource.account) : undefined;
    if (account === undefined) return 'expected resource.account to be an IBAN';
    out.account = account;
  }
  if (resource.currency !== undefined) {
    // Ensure the code is exact: "eur" must not slip past a deny scope naming "EUR".
    if (typeof resource.currency !== 'string' || !/^[A-Z]{3}$/.test(resource.currency)) {
      return `expected resource.currency to be three upper-case letters, found ${JSON.stringify(resource.currency)}`;
    }
    out.currency = resource.currency;
  }
  if (resource.amountMinor !== undefined) {
    if (!Number.isSafeInteger(resource.amountMinor) || resource.amountMinor < 0) {
      return `expected resource.amountMinor to be a non-negative safe integer, found ${String(resource.amountMinor)}`;
    }
    out.amountMinor = resource.amountMinor;
  }
  return out;
}

function describe(resource: NormalizedResource): string {
  const parts = [
    resource.account === undefined ? undefined : `account ${maskIban(resource.account)}`,
    resource.amountMinor === undefined ? undefined : `amount ${resource.amountMinor}`,
    resource.currency,
  ].filter((part) => part !== undefined);
  return parts.length === 0 ? '' : ` on ${parts.join(' ')}`;
}

/**
 * Decides whether any of `roles` may use `permission` on `resource`. Deny by default: only a capability
 * granting the permission to one of the roles, within an allow scope covering the resource, allows; any
 * matching deny scope of any applicable capability refuses, whatever allows.
 */
export function authorize(capabilities: readonly Capability[], request: AuthorizationRequest): AuthorizationResult {
  const { permission, roles } = request;
  if (!isPermission(permission)) return refuse('POLICY_UNKNOWN_PERMISSION', `expected a known permission id, found ${JSON.stringify(permission)}`);
  const resource = normalize(request.resource);
  if (typeof resource === 'string') return refuse('POLICY_BAD_REQUEST', `${permission}: ${resource}`);
  if (request.readOnly === true && !READ_ONLY.has(permission)) {
    return refuse('POLICY_EXPIRED', `${permission} needs a current organisation policy, found an expired one (read-only until it is renewed)`);
  }
  const entries: { capability: string; entry: PermissionEntry }[] = [];
  for (const capability of capabilities) {
    if (!capability.roles.some((role) => roles.includes(role))) continue;
    for (const entry of capability.permissions) {
      if ((typeof entry === 'string' ? entry : entry.identifier) === permission) entries.push({ capability: capability.identifier, entry });
    }
  }
  // Ensure no deny scope matches before looking at any allow: deny wins.
  for (const { capability, entry } of entries) {
    if (typeof entry === 'string' || entry.deny === undefined) continue;
    const hit = entry.deny.findIndex((scope) => denyScopeHits(scope, resource));
    if (hit >= 0) return refuse('POLICY_DENIED', `${permission}${describe(resource)} is refused by capability ${capability} deny[${hit}]`);
  }
  const misses: string[] = [];
  for (const { capability, entry } of entries) {
    if (typeof entry === 'string') return { ok: true };
    const allow = entry.allow ?? [];
    for (const [index, scope] of allow.entries()) {
      const miss = allowScopeMiss(scope, resource);
      if (miss === undefined) return { ok: true };
      misses.push(`${capability} allow[${index}]: ${miss}`);
    }
  }
  if (misses.length === 0) {
    const held = roles.length === 0 ? 'no roles' : `roles ${roles.join(', ')}`;
    return refuse('POLICY_DENIED', `${permission} needs a capability granting it to one of the user's roles, found none for ${held}`);
  }
  return refuse('POLICY_DENIED', `${permission}${describe(resource)} needs an allow scope covering it, found none: ${misses.join('; ')}`);
}
