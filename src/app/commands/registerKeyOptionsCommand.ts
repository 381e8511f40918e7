import { generateRegistrationOptions } from '@simplewebauthn/server';
import { sha256 } from '../../crypto/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { activeCredentials } from '../keys/credentialRecords.js';
import { keyCeremoniesOf, REGISTRATION_TIMEOUT_MS } from '../keys/keyCeremonies.js';

/** The user handle: stable per vault and user, and no name in it (WebAuthn §14.6.1). */
const USER_HANDLE_TAG = 'coffer/webauthn/user-handle/v1\0';

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
      userID: new Uint8Array(sha256(Buffer.from(`${USER_HANDLE_TAG}${ctx.vault.vaultId}\0${ctx.userId}`, 'utf8'))),
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
