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
export { AuditOutcome, AuditActor, AuditEntry } from './auditEntry.js';
export { AUDIT_BUNDLE_FORMAT, AuditBundleEntry, AuditBundle } from './auditBundle.js';
