import { userInfo } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { describeDatabaseUrl, openStore, type GatewayStore, type OpenStoreOptions } from '../../server/index.js';
import { globalOptions, type GlobalOptions } from '../globalOptions.js';
import { printResult } from '../output.js';

export interface ServerOptions extends GlobalOptions {
  data?: string;
  staff?: string;
}

/** The gateway's SQLite folder when neither --data nor DATABASE_URL names one: beside the user's data. */
function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME ?? path.join(process.env.HOME ?? '.', '.local', 'share');
  return path.join(base, 'coffer-gateway');
}

/** DATABASE_URL selects PostgreSQL; else `--data DIR` (or the default folder) holds an SQLite file. */
export function storeOptions(command: Command): OpenStoreOptions {
  const options = command.optsWithGlobals<ServerOptions>();
  const databaseUrl = process.env.DATABASE_URL;
  return databaseUrl ? { databaseUrl } : { dataDir: options.data ?? defaultDataDir() };
}

export function describeStore(options: OpenStoreOptions): string {
  return options.databaseUrl ? describeDatabaseUrl(options.databaseUrl) : `sqlite ${options.dataDir ?? ''}`;
}

/** Who makes a bank change, for the gateway's audit log: --staff NAME, else the OS user. */
export function staffName(command: Command): string {
  return command.optsWithGlobals<ServerOptions>().staff ?? userInfo().username;
}

/** Opens the store, runs one bank command, prints its result, closes the store. */
export async function withServerStore<T>(command: Command, run: (store: GatewayStore, staff: string) => Promise<T>, human: (value: T) => string): Promise<void> {
  const store = await openStore(storeOptions(command));
  try {
    const value = await run(store, staffName(command));
    printResult(globalOptions(command), value ?? { ok: true }, () => human(value));
  } finally {
    await store.close();
  }
}
