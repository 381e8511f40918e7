export { openStore, describeDatabaseUrl, SQLITE_FILE, type GatewayStore, type OpenStoreOptions } from './store/openStore.js';
export type { StoreDialect } from './store/storeDialect.js';
