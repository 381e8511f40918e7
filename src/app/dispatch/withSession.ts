import type { VaultSecret } from '../../vault/index.js';
import { withUnlockedVault } from '../vault/withUnlockedVault.js';
import { openSession, type OpenSessionOptions, type Session } from './openSession.js';

/** Unlocks the vault, opens a session on it for `use`, and locks again whatever happens (one CLI command). */
export function withSession<T>(dir: string, secret: VaultSecret, use: (session: Session) => Promise<T> | T, options: OpenSessionOptions = {}): Promise<T> {
  return withUnlockedVault(dir, secret, async (vault) => use(await openSession(vault, options)));
}
