import type { Command } from 'commander';
import { defaultVaultDir } from '../app/index.js';
import { readSecret } from './secrets.js';

export interface GlobalOptions {
  vault?: string;
  json?: boolean;
  passwordFile?: string;
  newPasswordFile?: string;
  recoveryCodeFile?: string;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

export function vaultDir(options: GlobalOptions): string {
  return options.vault ?? defaultVaultDir();
}

export function readPassword(options: GlobalOptions, prompt = 'Vault password'): Promise<string> {
  return readSecret({ envVar: 'COFFER_PASSWORD', file: options.passwordFile, prompt });
}

export function readNewPassword(options: GlobalOptions, envVar: 'COFFER_PASSWORD' | 'COFFER_NEW_PASSWORD'): Promise<string> {
  const file = envVar === 'COFFER_PASSWORD' ? options.passwordFile : options.newPasswordFile;
  return readSecret({ envVar, file, prompt: 'New password (at least 12 characters)', confirm: true });
}

export function readRecoveryCode(options: GlobalOptions): Promise<string> {
  return readSecret({ envVar: 'COFFER_RECOVERY_CODE', file: options.recoveryCodeFile, prompt: 'Recovery code' });
}
