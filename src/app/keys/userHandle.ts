import { sha256 } from '../../crypto/index.js';

/** The user handle: stable per vault and user, and no name in it (WebAuthn §14.6.1). */
const USER_HANDLE_TAG = 'coffer/webauthn/user-handle/v1\0';

/** The WebAuthn user handle of `userId` in the vault `vaultId` (32 bytes). */
export function userHandleFor(vaultId: string, userId: string): Buffer {
  return sha256(Buffer.from(`${USER_HANDLE_TAG}${vaultId}\0${userId}`, 'utf8'));
}
