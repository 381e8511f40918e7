import { generateRegistrationOptions } from '@simplewebauthn/server';
import { implementCommand } from '../dispatch/defineCommand.js';
import { activeCredentials } from '../keys/credentialRecords.js';
import { keyCeremoniesOf, REGISTRATION_TIMEOUT_MS } from '../keys/keyCeremonies.js';
import { userHandleFor } from '../keys/userHandle.js';

/**
 * `keys.register-options`: options for navigator.credentials.create — rpId the bank's domain, user verification
 * required, a discoverable credential preferred, no attestation, the PRF extension asked for (so the key may
 * unlock the vault), the user's enrolled keys excluded. The challenge stays in this session, single use.
 */
export const registerKeyOptionsCommand = implementCommand('keys.register-options', {
  async run(ctx) {
    const ceremonies = keyCeremoniesOf(ctx.vault);
    const challenge = ceremonies.issue('register', ctx.now, REGISTRATION_TIMEOUT_MS);
    const options = await generateRegistrationOptions({
      rpName: ceremonies.rp.rpName,
      rpID: ceremonies.rp.rpId,
      userName: ctx.userId,
      userID: new Uint8Array(userHandleFor(ctx.vault.vaultId, ctx.userId)),
      challenge: new Uint8Array(Buffer.from(challenge, 'base64url')),
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
