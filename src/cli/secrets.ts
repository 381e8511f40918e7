import { readBoundedFile } from './readBoundedFile.js';
import { promptHidden } from './promptHidden.js';
import { CofferError } from '../contract/index.js';

export interface SecretSource {
  /** Environment variable to take the secret from (removed from the environment once read). */
  envVar: 'COFFER_PASSWORD' | 'COFFER_NEW_PASSWORD' | 'COFFER_RECOVERY_CODE';
  /** File whose first line is the secret. */
  file?: string;
  /** What the TTY prompt says. */
  prompt: string;
  /** Ask twice on a TTY (new secrets). */
  confirm?: boolean;
}

const MAX_SECRET_FILE_BYTES = 64 * 1024;

/** The first line of a secret's file: a private regular file of at most 64 KiB (readBoundedFile). */
const FILE_NAMES: Record<SecretSource['envVar'], string> = {
  COFFER_PASSWORD: 'the password file',
  COFFER_NEW_PASSWORD: 'the new password file',
  COFFER_RECOVERY_CODE: 'the recovery code file',
};

function firstLine(path: string, what: string): string {
  const bytes = readBoundedFile(path, MAX_SECRET_FILE_BYTES, what, { privateOnly: true, code: 'CLI_BAD_SECRET_FILE' });
  try {
    return bytes.toString('utf8').split(/\r?\n/)[0] ?? '';
  } finally {
    bytes.fill(0);
  }
}

/**
 * Reads a secret from, in order: a file, the environment, or a hidden TTY prompt. A process without a
 * terminal and without the other two fails instead of hanging.
 */
export async function readSecret(source: SecretSource): Promise<string> {
  if (source.file) return firstLine(source.file, FILE_NAMES[source.envVar]);
  const fromEnv = process.env[source.envVar];
  if (fromEnv !== undefined) {
    // Child processes we start must not inherit it.
    Reflect.deleteProperty(process.env, source.envVar);
    return fromEnv;
  }
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new CofferError(
      'CLI_NO_SECRET',
      `no terminal to ask for it: set ${source.envVar} or pass a file with the secret on its first line`,
    );
  }
  const secret = await promptHidden(`${source.prompt}: `);
  if (source.confirm && (await promptHidden('Repeat it: ')) !== secret) {
    throw new CofferError('CLI_SECRET_MISMATCH', 'the two entries differ; nothing was changed');
  }
  return secret;
}
