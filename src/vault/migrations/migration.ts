import type { VaultDatabase } from '../database.js';

/** One numbered schema step. `up` runs inside the transaction that also bumps `user_version`. */
export interface Migration {
  version: number;
  name: string;
  up(db: VaultDatabase): void;
}
