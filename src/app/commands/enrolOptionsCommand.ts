import { implementCommand } from '../dispatch/defineCommand.js';
import { ensureFreshVault } from '../bank/ensureFreshVault.js';
import { enrolmentChallengeOf } from '../keys/enrolmentKeys.js';
import { keyCeremoniesOf } from '../keys/keyCeremonies.js';
import { keyRegistrationOptions } from '../keys/registrationOptions.js';

/**
 * `bank.enrol-options`: options for navigator.credentials.create, as keys.register-options gives them (user
 * verification required, a discoverable credential preferred, no attestation, PRF asked for), except the
 * challenge: enrolmentRegistrationChallenge of this vault's device key, which the gateway recomputes from the
 * key the enrolment registers. It is no session state: bank.enrol recomputes and checks it.
 */
export const enrolOptionsCommand = implementCommand('bank.enrol-options', {
  prepare(ctx) {
    ensureFreshVault(ctx.vault);
    return { data: undefined };
  },
  async run(ctx) {
    const { rp } = keyCeremoniesOf(ctx.vault);
    // The bank's user id is learnt only from the enrolment's answer: the handle is the fresh vault owner's.
    return keyRegistrationOptions({ vault: ctx.vault, db: ctx.db, userId: ctx.userId, rp, challenge: enrolmentChallengeOf(ctx.vault) });
  },
});
