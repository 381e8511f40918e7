import type { OrgPolicy } from './orgPolicySchema.js';

/**
 * Whether the organisation lets its users register an authenticator of this model (its AAGUID, WebAuthn §6.5.1):
 * any model unless the policy's `hardwareKeys.allowedAaguids` names some. The one rule for every path a key takes
 * into a vault or to the bank: enrolment and `keys.register` in the app, enrolment and POST /v1/credentials at the
 * gateway.
 */
export function aaguidAllowed(hardwareKeys: OrgPolicy['hardwareKeys'], aaguid: string): boolean {
  const allowed = hardwareKeys?.allowedAaguids;
  return allowed === undefined || allowed.some((model) => model.toLowerCase() === aaguid.toLowerCase());
}
