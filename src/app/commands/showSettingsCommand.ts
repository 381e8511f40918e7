import { AUTO_LOCK_SETTING, DEFAULT_AUTO_LOCK_MS, type VaultDatabase } from '../../vault/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';

/** The auto-lock time the vault is set to, in seconds (the vault's default when none was set). */
export function autoLockSeconds(db: VaultDatabase): number {
  const value = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(AUTO_LOCK_SETTING) as string | undefined;
  const seconds = Number(value);
  return value !== undefined && Number.isSafeInteger(seconds) && seconds > 0 ? seconds : DEFAULT_AUTO_LOCK_MS / 1000;
}

/** `settings.show`: the vault settings. */
export const showSettingsCommand = implementCommand('settings.show', {
  run(ctx) {
    return { autoLockSeconds: autoLockSeconds(ctx.db) };
  },
});
