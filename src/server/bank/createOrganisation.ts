import { z } from 'zod';
import { CofferError } from '../../contract/index.js';
import type { GatewayStore } from '../store/openStore.js';
import { applyBankChange, type AppliedBankChange } from './applyBankChange.js';
import { DisplayName, OrgIdText, parseBankInput } from './bankInputs.js';

export const CreateOrganisationInput = z.strictObject({ orgId: OrgIdText, name: DisplayName });
export type CreateOrganisationInput = z.input<typeof CreateOrganisationInput>;

/** `coffer server org create`: a new customer organisation, with its first (empty) policy. */
export async function createOrganisation(store: GatewayStore, staff: string, input: CreateOrganisationInput, now = Date.now()): Promise<AppliedBankChange<void>> {
  const { orgId, name } = parseBankInput(CreateOrganisationInput, input);
  return applyBankChange(store, { staff, action: 'org.create', orgId, details: { name }, now }, async (trx) => {
    const existing = await trx.selectFrom('organisations').select('id').where('id', '=', orgId).executeTakeFirst();
    if (existing) throw new CofferError('SERVER_EXISTS', `expected a new organisation id, found ${JSON.stringify(orgId)} taken`);
    await trx.insertInto('organisations').values({ id: orgId, name, created_at: now }).execute();
  });
}
