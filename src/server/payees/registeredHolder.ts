import type { Kysely } from 'kysely';
import type { GatewayDatabase } from '../store/storeSchema.js';

/** An account whose holder the bank can vouch for at another bank's request (a responding PSP's directory). */
export interface PayeeDirectoryEntry {
  iban: string;
  name: string;
}

/**
 * The name the bank holds for `iban`: the organisation that holds it for the bank's own accounts, else the
 * directory's entry (the demo's counterparties stand for the other banks of the scheme). Undefined when the
 * bank cannot say, which the check answers as not possible (NOAP).
 */
export async function registeredHolder(db: Kysely<GatewayDatabase>, iban: string, directory: readonly PayeeDirectoryEntry[]): Promise<string | undefined> {
  const own = await db
    .selectFrom('accounts')
    .innerJoin('organisations', 'organisations.id', 'accounts.org_id')
    .select('organisations.name')
    .where('accounts.iban', '=', iban)
    .executeTakeFirst();
  return own?.name ?? directory.find((entry) => entry.iban === iban)?.name;
}
