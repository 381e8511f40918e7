export {
  VAULT_KEYS_FORMAT,
  SlotKind,
  SlotState,
  Pbkdf2Params,
  KeySlot,
  VaultKeyFile,
  BackoffRecord,
} from './vaultKeys.js';
export { canonicalJson } from './canonicalJson.js';
