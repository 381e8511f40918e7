import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where a vault lives when `--vault` is not given: the OS's per-user data directory. */
export function defaultVaultDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.COFFER_VAULT) return env.COFFER_VAULT;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Coffer', 'vault');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Coffer', 'vault');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'coffer', 'vault');
}
