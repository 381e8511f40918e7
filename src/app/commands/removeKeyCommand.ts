import { CofferError } from '../../contract/index.js';
import { removeHardwareKeySlots } from '../../vault/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { activeCredentials, markCredentialRemoved } from '../keys/credentialRecords.js';
import { hardwareKeyRules } from '../keys/policyOf.js';
import { requireOwnCredential } from '../keys/requireOwnCredential.js';

/**
 * `keys.remove`: the key stops serving (step-up, approvals) and its `webauthn-prf` slots leave vault.keys, in
 * one audited step. Its row stays, marked removed, so approvals it signed before still verify. The step-up
 * (with any of the user's keys) comes first; the last key stays while the policy requires keys.
 */
export const removeKeyCommand = implementCommand('keys.remove', {
  prepare(ctx, input) {
    const key = requireOwnCredential(ctx.db, ctx.userId, input.id);
    return { target: key.id, data: undefined };
  },
  guard(ctx, input) {
    // Ensure a user the bank requires to hold a key keeps one.
    if (hardwareKeyRules(ctx.policyState).required === true && activeCredentials(ctx.db, ctx.userId).length <= 1) {
      throw new CofferError('APP_LAST_KEY', `key ${input.id} is your last hardware key, and the organisation policy requires one: enrol another first`);
    }
  },
  // The key's slots leave vault.keys and its row is marked removed under one entry the vault writes.
  recordsOwnEntries: true,
  run(ctx, input) {
    const details: Record<string, string> = ctx.stepUp === undefined ? {} : { stepUp: ctx.stepUp.method };
    const removedSlots = removeHardwareKeySlots(ctx.vault, input.id, { action: 'keys.remove', target: input.id, details, userId: ctx.userId }, (db) =>
      markCredentialRemoved(db, input.id, ctx.now),
    );
    return { id: input.id, removedSlots };
  },
});
