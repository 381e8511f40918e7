import { z } from 'zod';
import { PayeeCheckResult } from '../contract/index.js';
import { PayeeId, PaymentId } from '../domain/values.js';
import { commandSpec } from './commandSpec.js';

/**
 * What the vault knows of a payee's Verification of Payee, as shown to maker and approvers:
 * - `checked`: the bank's latest signed answer for this IBAN and name, verified again on this read;
 * - `not-checked`: no answer was recorded (the check happens online; offline there is none yet);
 * - `tampered`: a stored answer no longer verifies, so none of them is believed (docs/security.md).
 */
export const PayeeCheckView = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('checked'),
    result: PayeeCheckResult,
    /** The name the bank holds, on a close match only. */
    registeredName: z.string().nullable(),
    checkedAt: z.string(),
    checkId: z.string(),
  }),
  z.strictObject({ status: z.literal('not-checked') }),
  z.strictObject({ status: z.literal('tampered'), problem: z.string() }),
]);
export type PayeeCheckView = z.infer<typeof PayeeCheckView>;

export const payeesRecordCheck = commandSpec({
  name: 'payees.record-check',
  permission: 'payees:write',
  summary: "keep the bank's signed Verification of Payee answer for a payee or a payment's creditor, once it verifies against the bank key",
  input: z
    .strictObject({
      /** The gateway's answer as received: a compact JWS by the bank key. */
      answer: z.string().min(1).max(4096),
      payee: PayeeId.optional(),
      payment: PaymentId.optional(),
    })
    .refine((input) => (input.payee === undefined) !== (input.payment === undefined), { path: ['payee'], message: 'expected either a payee or a payment, and not both' }),
  output: z.strictObject({
    checkId: z.string(),
    iban: z.string(),
    name: z.string(),
    result: PayeeCheckResult,
    registeredName: z.string().nullable(),
    checkedAt: z.string(),
  }),
  stepUp: 'never',
  changes: true,
});
