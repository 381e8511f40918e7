import { implementCommand } from '../dispatch/defineCommand.js';
import { activeCredentials } from '../keys/credentialRecords.js';
import { keyCeremoniesOf, stepUpWindowMs } from '../keys/keyCeremonies.js';
import { hardwareKeyRules } from '../keys/policyOf.js';

/**
 * `keys.assert-options`: options for navigator.credentials.get, for a step-up that binds no record (data-key
 * export, key changes). The challenge is single use and expires after the step-up window (5 minutes, or
 * less where the policy says). An approval signs the payment digest instead (`payments.show` gives it).
 */
export const assertKeyOptionsCommand = implementCommand('keys.assert-options', {
  run(ctx) {
    const ceremonies = keyCeremoniesOf(ctx.vault);
    const windowMs = stepUpWindowMs(hardwareKeyRules(ctx.policyState));
    const challenge = ceremonies.issue('assert', ctx.now, windowMs);
    const allowCredentials = activeCredentials(ctx.db, ctx.userId).map((key) => ({ id: key.id, type: 'public-key', transports: key.transports }));
    return { options: { challenge, rpId: ceremonies.rp.rpId, timeout: windowMs, userVerification: 'required', allowCredentials } };
  },
});
