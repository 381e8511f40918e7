import { payeeNameKey } from '../../../domain/index.js';
import type { VaultDatabase } from '../../../vault/index.js';

export interface PayeeRecord {
  id: string;
  name: string;
  iban: string;
  bic: string | null;
}

export function listPayeeRecords(db: VaultDatabase): PayeeRecord[] {
  return db.prepare('SELECT id, name, iban, bic FROM payees ORDER BY name, id').all() as PayeeRecord[];
}

/** The payees among `all` that share `payee`'s name (payeeNameKey) but pay another IBAN. */
export function sameNameOtherIban(payee: Pick<PayeeRecord, 'id' | 'name' | 'iban'>, all: readonly PayeeRecord[]): { id: string; iban: string }[] {
  const key = payeeNameKey(payee.name);
  return all.filter((other) => other.id !== payee.id && other.iban !== payee.iban && payeeNameKey(other.name) === key).map(({ id, iban }) => ({ id, iban }));
}
