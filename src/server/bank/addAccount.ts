import { z } from 'zod';
import { CofferError } from '../../contract/index.js';
import { Bic } from '../../domain/index.js';
import type { GatewayStore } from '../store/openStore.js';
import { ensureOrganisation } from './activeUser.js';
import { applyBankChange, type AppliedBankChange } from './applyBankChange.js';
import { CurrencyInput, DisplayName, IbanInput, OrgIdText, parseBankInput } from './bankInputs.js';

// Balances are summed line by line in JavaScript numbers: an opening beyond 2^53 / 2 leaves no room to sum safely.
const MAX_SAFE_MINOR = 2 ** 52;

export const AddAccountInput = z.strictObject({
  orgId: OrgIdText,
  iban: IbanInput,
  currency: CurrencyInput,
  name: DisplayName,
  bic: Bic.optional(),
  /** The booked balance where the account's feed begins, in minor units (negative when overdrawn); 0 when absent. */
  openingBalanceMinor: z.int().min(-MAX_SAFE_MINOR).max(MAX_SAFE_MINOR).optional(),
  /** YYYY-MM-DD: the opening balance is the booked balance at the start of this day; absent, the day of adding. */
  openingDate: z.iso.date().optional(),
});
export type AddAccountInput = z.input<typeof AddAccountInput>;

/**
 * `coffer server account add`: an account the organisation holds at the bank, with the booked balance its
 * statement feed opens with. An IBAN belongs to one organisation.
 */
export async function addAccount(store: GatewayStore, staff: string, input: AddAccountInput, now = Date.now()): Promise<AppliedBankChange<void>> {
  const { orgId, iban, currency, name, bic, openingBalanceMinor = 0, openingDate = new Date(now).toISOString().slice(0, 10) } = parseBankInput(AddAccountInput, input);
  // The opening balance is the customer's business: the audit entry says that one was given and as of when, not how much.
  const details = { iban, currency, name, openingDate };
  return applyBankChange(store, { staff, action: 'account.add', orgId, details, now }, async (trx) => {
    await ensureOrganisation(trx, orgId);
    const existing = await trx.selectFrom('accounts').select('org_id').where('iban', '=', iban).executeTakeFirst();
    if (existing) throw new CofferError('SERVER_EXISTS', `expected an account not yet held, found ${iban.slice(0, 4)}…${iban.slice(-4)} already added`);
    await trx
      .insertInto('accounts')
      .values({ iban, org_id: orgId, name, currency, bic: bic ?? null, created_at: now, opening_balance_minor: openingBalanceMinor, opening_balance_date: openingDate })
      .execute();
  });
}
