import { ed25519PublicKeyFromSeed, randomBytes } from '../../crypto/index.js';
import { deviceRegistrationChallenge } from '../../domain/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import { readBankConnection } from '../bank/bankConnection.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { keyCeremoniesOf, REGISTRATION_TIMEOUT_MS } from '../keys/keyCeremonies.js';
import { keyRegistrationOptions } from '../keys/registrationOptions.js';

/** 32 random bytes the device chooses for a registration the bank will see (CredentialSubmission.salt). */
const SALT_BYTES = 32;

/**
 * In an enrolled vault, the challenge is bound to the device (deviceRegistrationChallenge over its Ed25519
 * public key and a fresh salt), so the same registration can go to the bank at the next sync, which recomputes
 * it from the device it authenticated; in a vault never enrolled, none is chosen (32 random bytes).
 */
function deviceBoundChallenge(vault: UnlockedVault): { challenge: string; salt: string } | undefined {
  if (readBankConnection(vault.db) === undefined) return undefined;
  const salt = randomBytes(SALT_BYTES);
  const challenge = deviceRegistrationChallenge(ed25519PublicKeyFromSeed(vault.audit.identity.signer.seed), salt);
  return { challenge, salt: salt.toString('base64url') };
}

/**
 * `keys.register-options`: options for navigator.credentials.create — rpId the bank's domain, user verification
 * required, a discoverable credential preferred, no attestation, the PRF extension asked for (so the key may
 * unlock the vault), the user's enrolled keys excluded. The challenge stays in this session, single use; in an
 * enrolled vault it is bound to the device key (see deviceBoundChallenge).
 */
export const registerKeyOptionsCommand = implementCommand('keys.register-options', {
  async run(ctx) {
    const ceremonies = keyCeremoniesOf(ctx.vault);
    const challenge = ceremonies.issue('register', ctx.now, REGISTRATION_TIMEOUT_MS, deviceBoundChallenge(ctx.vault));
    return keyRegistrationOptions({ vault: ctx.vault, db: ctx.db, userId: ctx.userId, rp: ceremonies.rp, challenge });
  },
});
