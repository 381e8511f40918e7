/** Which database holds the gateway's state: an embedded SQLite file, or a shared PostgreSQL. */
export type StoreDialect = 'sqlite' | 'postgres';
