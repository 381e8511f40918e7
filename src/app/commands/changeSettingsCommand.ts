import { AUTO_LOCK_SETTING } from '../../vault/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { autoLockSeconds } from './showSettingsCommand.js';

/** `settings.set`: changes the vault settings; a new auto-lock time applies to the open session at once. */
export const changeSettingsCommand = implementCommand('settings.set', {
  prepare(ctx, input) {
    return { details: { from: autoLockSeconds(ctx.db), to: input.autoLockSeconds ?? autoLockSeconds(ctx.db) }, data: undefined };
  },
  run(ctx, input) {
    if (input.autoLockSeconds !== undefined) {
      ctx.db
        .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
        .run(AUTO_LOCK_SETTING, String(input.autoLockSeconds), ctx.now.toISOString());
      ctx.vault.reloadAutoLock();
    }
    return { autoLockSeconds: autoLockSeconds(ctx.db) };
  },
});
