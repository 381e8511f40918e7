import type { Scope } from './capabilitySchema.js';

/** A request's resource after normalisation: account in electronic format, currency and amount checked. */
export interface NormalizedResource {
  account?: string;
  currency?: string;
  amountMinor?: number;
}

/** Country and last four characters: enough to recognise an account in a message, not to reuse it. */
export function maskIban(iban: string): string {
  return `${iban.slice(0, 2)}…${iban.slice(-4)}`;
}

/** Whether a scope's list names the value (a request's currency is any string until checked against it). */
function listed(list: readonly string[], value: string): boolean {
  return list.includes(value);
}

const restrictsAccounts = (scope: Scope): scope is Scope & { accounts: string[] } =>
  scope.accounts !== undefined && !scope.accounts.includes('*');

/**
 * Why an allow scope does not cover the resource, or undefined when it does. A field the scope restricts
 * but the request leaves out is not covered: a scope cannot vouch for what it was not shown.
 */
export function allowScopeMiss(scope: Scope, resource: NormalizedResource): string | undefined {
  if (restrictsAccounts(scope)) {
    if (resource.account === undefined) return 'the scope restricts accounts but the request names none';
    if (!scope.accounts.includes(resource.account)) return `account ${maskIban(resource.account)} is not among its ${scope.accounts.length} account(s)`;
  }
  if (scope.currencies !== undefined) {
    if (resource.currency === undefined) return 'the scope restricts currencies but the request names none';
    if (!listed(scope.currencies, resource.currency)) return `currency ${resource.currency} is not among ${scope.currencies.join(', ')}`;
  }
  if (scope.maxAmountMinor !== undefined) {
    if (resource.amountMinor === undefined) return 'the scope has a maximum amount but the request names none';
    if (resource.amountMinor > scope.maxAmountMinor) {
      return `amount ${resource.amountMinor} is above the maximum ${scope.maxAmountMinor} (${scope.currencies?.join('') ?? ''} minor units)`;
    }
  }
  return undefined;
}

/**
 * Whether a deny scope hits the resource: every field it states matches. A field the request leaves out
 * counts as a match, so leaving a field out can never dodge a deny.
 */
export function denyScopeHits(scope: Scope, resource: NormalizedResource): boolean {
  if (restrictsAccounts(scope) && resource.account !== undefined && !scope.accounts.includes(resource.account)) return false;
  if (scope.currencies !== undefined && resource.currency !== undefined && !listed(scope.currencies, resource.currency)) return false;
  if (scope.maxAmountMinor !== undefined && resource.amountMinor !== undefined && resource.amountMinor <= scope.maxAmountMinor) return false;
  return true;
}
