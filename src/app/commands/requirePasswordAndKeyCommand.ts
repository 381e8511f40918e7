import { requirePasswordAndKey } from '../../vault/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { requireOwnPrfCredential } from '../keys/requireOwnCredential.js';

/**
 * `keys.require-password-and-key`: the vault then opens with the password and this key together, never with
 * either alone (docs/vault.md, the organisation policy's `hardwareKeys.unlock`). One touch of the key answers
 * the step-up and the PRF; the password is proven against the password slot first. The password and the PRF
 * output are secrets and appear in no entry or message.
 */
export const requirePasswordAndKeyCommand = implementCommand('keys.require-password-and-key', {
  prepare(ctx, input) {
    return { target: requireOwnPrfCredential(ctx.db, ctx.userId, input.id).id, data: undefined };
  },
  // The slot is written to vault.keys and recorded by the vault in the same step.
  recordsOwnEntries: true,
  async run(ctx, input) {
    const details: Record<string, string> = ctx.stepUp === undefined ? {} : { stepUp: ctx.stepUp.method };
    const result = await requirePasswordAndKey(ctx.vault, {
      ...ctx.kdf,
      password: input.password,
      credentialId: input.id,
      prfInput: Buffer.from(input.prfInput, 'base64url'),
      prfOutput: Buffer.from(input.prfOutput, 'base64url'),
      event: { action: 'keys.require-password-and-key', target: input.id, details, userId: ctx.userId },
    });
    return { id: input.id, slotId: result.slot, keyUnlockTurnedOff: result.keyUnlockTurnedOff };
  },
});
