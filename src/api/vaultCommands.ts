import { z } from 'zod';
import { commandSpec } from './commandSpec.js';

const RecoveryCodeOut = z.strictObject({ vaultId: z.string(), recoveryCode: z.string() });

export const vaultShow = commandSpec({
  name: 'vault.show',
  permission: 'vault:read',
  summary: 'what the vault holds: its user, key slots, schema, row counts and policy state (no secrets)',
  input: z.strictObject({}),
  output: z.strictObject({
    vaultId: z.string(),
    userId: z.string(),
    roles: z.array(z.string()),
    policy: z.strictObject({ status: z.enum(['valid', 'expired', 'unusable', 'none']), code: z.string().nullable(), message: z.string().nullable() }),
    schemaVersion: z.number().int(),
    keyFileGeneration: z.number().int(),
    slots: z.array(z.strictObject({ id: z.string(), kind: z.string(), state: z.string(), kdfIterations: z.number().int() })),
    rows: z.record(z.string(), z.number().int()),
  }),
  stepUp: 'never',
  changes: false,
});

export const vaultPasswd = commandSpec({
  name: 'vault.passwd',
  permission: 'vault:passwd',
  summary: 'change the password (rewraps one key slot); with rekey, also a new data key so old copies of vault.keys stop working',
  input: z.strictObject({
    newPassword: z.string().min(1).max(1024),
    /** Also rotate the data key: a kept copy of the old vault.keys with the old password then opens nothing. */
    rekey: z.boolean().default(false),
  }),
  output: z.strictObject({
    vaultId: z.string(),
    rekeyed: z.boolean(),
    recoveryCode: z.string().nullable(),
    /** With rekey: keys whose unlock slot wrapped the old data key and is gone (see vault.rekey). */
    keyUnlockTurnedOff: z.array(z.string()),
  }),
  stepUp: 'never',
  changes: true,
});

export const vaultExportKey = commandSpec({
  name: 'vault.export-key',
  permission: 'vault:export-key',
  summary: 'the raw data key as hex, for disaster recovery with stock SQLCipher 4',
  input: z.strictObject({}),
  output: z.strictObject({ vaultId: z.string(), dataKeyHex: z.string().regex(/^[0-9a-f]{64}$/) }),
  stepUp: 'once-keys-enrolled',
  changes: true,
  revealsSecret: true,
});

export const vaultRekey = commandSpec({
  name: 'vault.rekey',
  permission: 'vault:rekey',
  summary: 'new data key for the whole database (PRAGMA rekey); issues a new recovery code',
  /** The current password again: the new password slot wraps the new key with it. */
  input: z.strictObject({ password: z.string().min(1).max(1024) }),
  output: RecoveryCodeOut.extend({
    /** Keys whose unlock slot wrapped the old data key and is gone: unlocking with them must be turned on again. */
    keyUnlockTurnedOff: z.array(z.string()),
  }),
  stepUp: 'once-keys-enrolled',
  changes: true,
});

export const vaultRecoveryCode = commandSpec({
  name: 'vault.recovery-code',
  permission: 'vault:passwd',
  summary: 'replace the recovery code (lost or seen by someone else)',
  input: z.strictObject({}),
  output: RecoveryCodeOut,
  stepUp: 'never',
  changes: true,
});

/** Auto-lock bounds: long enough to read a statement, short enough that an unattended laptop locks. */
export const AUTO_LOCK_SECONDS = { min: 30, max: 8 * 60 * 60 } as const;
const Settings = z.strictObject({ autoLockSeconds: z.number().int().min(AUTO_LOCK_SECONDS.min).max(AUTO_LOCK_SECONDS.max) });

export const settingsShow = commandSpec({
  name: 'settings.show',
  permission: 'vault:read',
  summary: 'the vault settings (auto-lock time)',
  input: z.strictObject({}),
  output: Settings,
  stepUp: 'never',
  changes: false,
});

export const settingsSet = commandSpec({
  name: 'settings.set',
  permission: 'settings:write',
  summary: 'change the vault settings (auto-lock time in seconds)',
  input: Settings.partial().refine((input) => Object.keys(input).length > 0, 'expected at least one setting'),
  output: Settings,
  stepUp: 'never',
  changes: true,
});
