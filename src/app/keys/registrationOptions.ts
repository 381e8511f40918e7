import { generateRegistrationOptions } from '@simplewebauthn/server';
import type { UnlockedVault, VaultDatabase } from '../../vault/index.js';
import { activeCredentials } from './credentialRecords.js';
import { REGISTRATION_TIMEOUT_MS } from './keyCeremonies.js';
import type { RelyingParty } from './relyingParty.js';
import { userHandleFor } from './userHandle.js';

/**
 * Options for navigator.credentials.create, for a key of `userId` in this vault: rpId the bank's domain, user
 * verification required, a discoverable credential preferred, no attestation, the PRF extension asked for (so the
 * key may unlock the vault), the user's keys excluded; `challenge` (base64url) is the caller's.
 */
export async function keyRegistrationOptions(request: { vault: UnlockedVault; db: VaultDatabase; userId: string; rp: RelyingParty; challenge: string }): Promise<{ options: Record<string, unknown> & { challenge: string } }> {
  const { vault, db, userId, rp, challenge } = request;
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpId,
    userName: userId,
    userID: new Uint8Array(userHandleFor(vault.vaultId, userId)),
    challenge: new Uint8Array(Buffer.from(challenge, 'base64url')),
    timeout: REGISTRATION_TIMEOUT_MS,
    attestationType: 'none',
    excludeCredentials: activeCredentials(db, userId).map((key) => ({ id: key.id, transports: key.transports })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
    // WebAuthn L3 §10.1.4: asking for `prf` at creation tells whether the key can derive secrets.
    extensions: { credProps: true, prf: {} } as Parameters<typeof generateRegistrationOptions>[0]['extensions'],
    supportedAlgorithmIDs: [-7, -8, -257],
  });
  return { options: { ...options } };
}
