import { generateRegistrationOptions } from '@simplewebauthn/server';
import { implementCommand } from '../dispatch/defineCommand.js';
import { ensureFreshVault } from '../bank/ensureFreshVault.js';
import { activeCredentials } from '../keys/credentialRecords.js';
import { enrolmentChallengeOf } from '../keys/enrolmentKeys.js';
import { keyCeremoniesOf, REGISTRATION_TIMEOUT_MS } from '../keys/keyCeremonies.js';
import { userHandleFor } from '../keys/userHandle.js';

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
    const options = await generateRegistrationOptions({
      rpName: rp.rpName,
      rpID: rp.rpId,
      userName: ctx.userId,
      // The bank's user id is learnt only from the enrolment's answer: the handle is the fresh vault owner's.
      userID: new Uint8Array(userHandleFor(ctx.vault.vaultId, ctx.userId)),
      challenge: new Uint8Array(Buffer.from(enrolmentChallengeOf(ctx.vault), 'base64url')),
      timeout: REGISTRATION_TIMEOUT_MS,
      attestationType: 'none',
      excludeCredentials: activeCredentials(ctx.db, ctx.userId).map((key) => ({ id: key.id, transports: key.transports })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      // WebAuthn L3 §10.1.4: asking for `prf` at creation tells whether the key can derive secrets.
      extensions: { credProps: true, prf: {} } as Parameters<typeof generateRegistrationOptions>[0]['extensions'],
      supportedAlgorithmIDs: [-7, -8, -257],
    });
    return { options: { ...options } };
  },
});
