import type { Currency, Iban } from '../../../domain/index.js';
import type { VaultDatabase } from '../../../vault/index.js';
import { CofferError } from '../../../contract/index.js';

export interface AccountRecord {
  id: string;
  iban: Iban;
  bic: string | null;
  currency: Currency;
  name: string;
  balanceMinor: number;
}

const COLUMNS = 'id, iban, bic, currency, name, balance_minor AS balanceMinor';

export function listAccountRecords(db: VaultDatabase): AccountRecord[] {
  return db.prepare(`SELECT ${COLUMNS} FROM accounts ORDER BY currency, iban`).all() as AccountRecord[];
}

/** The vault's account with this IBAN, or APP_UNKNOWN_ACCOUNT (naming only its country). */
export function requireAccount(db: VaultDatabase, iban: string): AccountRecord {
  const row = db.prepare(`SELECT ${COLUMNS} FROM accounts WHERE iban = ?`).get(iban) as AccountRecord | undefined;
  if (row === undefined) throw new CofferError('APP_UNKNOWN_ACCOUNT', `expected one of the organisation's accounts, found an unknown account from ${iban.slice(0, 2)}`);
  return row;
}

/** The vault's account with this IBAN, if any. */
export function accountByIban(db: VaultDatabase, iban: string): AccountRecord | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM accounts WHERE iban = ?`).get(iban) as AccountRecord | undefined;
}

/** The vault's account its bank knows by this number (a statement that names no IBAN: Othr/Id, MT940 :25:), if any. */
export function accountByOtherId(db: VaultDatabase, otherId: string): AccountRecord | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM accounts WHERE other_id = ?`).get(otherId) as AccountRecord | undefined;
}

export function accountById(db: VaultDatabase, id: string): AccountRecord {
  const row = db.prepare(`SELECT ${COLUMNS} FROM accounts WHERE id = ?`).get(id) as AccountRecord | undefined;
  if (row === undefined) throw new CofferError('APP_NOT_FOUND', `expected account ${id}, found none`);
  return row;
}
