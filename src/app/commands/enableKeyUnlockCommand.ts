import { addPrfSlot } from '../../vault/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { requireOwnPrfCredential } from '../keys/requireOwnCredential.js';

/**
 * `keys.enable-unlock`: a `webauthn-prf` key slot for one of the user's PRF-capable keys, wrapping the data
 * key under HKDF-SHA256 of the key's PRF output (docs/vault.md). A step-up with a key comes first; the PRF
 * output is a secret and appears in no entry or message.
 */
export const enableKeyUnlockCommand = implementCommand('keys.enable-unlock', {
  prepare(ctx, input) {
    return { target: requireOwnPrfCredential(ctx.db, ctx.userId, input.id).id, data: undefined };
  },
  // The slot is written to vault.keys and recorded by the vault in the same step.
  recordsOwnEntries: true,
  run(ctx, input) {
    const details: Record<string, string> = ctx.stepUp === undefined ? {} : { stepUp: ctx.stepUp.method };
    const slotId = addPrfSlot(ctx.vault, {
      credentialId: input.id,
      prfInput: Buffer.from(input.prfInput, 'base64url'),
      prfOutput: Buffer.from(input.prfOutput, 'base64url'),
      event: { action: 'keys.enable-unlock', target: input.id, details, userId: ctx.userId },
    });
    return { id: input.id, slotId };
  },
});
