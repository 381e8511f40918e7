import { z } from 'zod';
import { CofferError } from '../../contract/index.js';
import { Bic } from '../../domain/index.js';
import type { GatewayStore } from '../store/openStore.js';
import { ensureOrganisation } from './activeUser.js';
import { applyBankChange, type AppliedBankChange } from './applyBankChange.js';
import { CurrencyInput, DisplayName, IbanInput, OrgIdText, parseBankInput } from './bankInputs.js';

export const AddAccountInput = z.strictObject({
  orgId: OrgIdText,
  iban: IbanInput,
  currency: CurrencyInput,
  name: DisplayName,
  bic: Bic.optional(),
});
export type AddAccountInput = z.input<typeof AddAccountInput>;

/** `coffer server account add`: an account the organisation holds at the bank. An IBAN belongs to one organisation. */
export async function addAccount(store: GatewayStore, staff: string, input: AddAccountInput, now = Date.now()): Promise<AppliedBankChange<void>> {
  const { orgId, iban, currency, name, bic } = parseBankInput(AddAccountInput, input);
  return applyBankChange(store, { staff, action: 'account.add', orgId, details: { iban, currency, name }, now }, async (trx) => {
    await ensureOrganisation(trx, orgId);
    const existing = await trx.selectFrom('accounts').select('org_id').where('iban', '=', iban).executeTakeFirst();
    if (existing) throw new CofferError('SERVER_EXISTS', `expected an account not yet held, found ${iban.slice(0, 4)}…${iban.slice(-4)} already added`);
    await trx.insertInto('accounts').values({ iban, org_id: orgId, name, currency, bic: bic ?? null, created_at: now }).execute();
  });
}
