import { CofferError, describeZodIssue, VaultKeyFile } from '../contract/index.js';
import { writeFileAtomic } from './atomicWrite.js';
import { readSmallFile } from './readSmallFile.js';

const MAX_KEY_FILE_BYTES = 1024 * 1024;

/** Reads and schema-checks vault.keys; anything malformed (truncated, edited into invalid JSON) is refused. */
export function readKeyFile(path: string): VaultKeyFile {
  const read = readSmallFile(path, MAX_KEY_FILE_BYTES);
  if (!read.found) throw new CofferError('VAULT_NOT_FOUND', `no vault here: ${path} does not exist`);
  if ('problem' in read) throw new CofferError('VAULT_KEYS_CORRUPT', `vault.keys ${read.problem}`);
  const bytes = read.bytes;
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (cause) {
    throw new CofferError('VAULT_KEYS_CORRUPT', 'vault.keys is not valid JSON (truncated or damaged)', { cause });
  }
  const parsed = VaultKeyFile.safeParse(json);
  if (!parsed.success) throw new CofferError('VAULT_KEYS_CORRUPT', `vault.keys: ${describeZodIssue(parsed.error).text}`);
  return parsed.data;
}

export function writeKeyFile(path: string, file: VaultKeyFile): void {
  writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
}
