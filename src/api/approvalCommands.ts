import { z } from 'zod';
import { Currency, PaymentId } from '../domain/values.js';
import { AmountOut } from './bankingQueries.js';
import { commandSpec } from './commandSpec.js';
import { PayeeCheckView } from './payeeCheckCommands.js';
import { FileOutput } from './fields.js';
import { ApprovalOutcome } from './paymentCommands.js';
import { PaymentTermsOut } from './paymentQueries.js';

/*
 * Batch approval and the outside verification of approvals (issue 12 items 5 and 6, docs/signing.md).
 */

/** Most payments one batch approval covers here: every one of them is shown to the approver before signing. */
export const MAX_BATCH_APPROVAL = 200;

/** The payments of a batch, each once. */
const BatchIds = z
  .array(PaymentId)
  .min(1)
  .max(MAX_BATCH_APPROVAL)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'expected each payment once' });

/** WebAuthn request options JSON (PublicKeyCredentialRequestOptionsJSON), for the browser's parseRequestOptionsFromJSON. */
const RequestOptionsJson = z.looseObject({ challenge: z.string() });

export const paymentsApproveBatchOptions = commandSpec({
  name: 'payments.approve-batch-options',
  permission: 'payments:approve',
  summary: 'what a batch approval signs: the batch digest as a WebAuthn challenge, every payee and the total per currency',
  input: z.strictObject({ ids: BatchIds }),
  output: z.strictObject({
    /** navigator.credentials.get options whose challenge is the batch digest. */
    options: RequestOptionsJson,
    /** The batch digest (hex): SHA-256 over coffer/payment-batch/v1 and the sorted payment digests. */
    digest: z.string(),
    /** In the order asked for. */
    payments: z.array(
      z.strictObject({
        id: PaymentId,
        ...PaymentTermsOut,
        digest: z.string(),
        /** Verification of Payee for the creditor, shown beside the payment before the batch is signed. */
        payeeCheck: PayeeCheckView,
      }),
    ),
    /** One line per currency, alphabetically: minor units of different currencies never add up. */
    totals: z.array(z.strictObject({ currency: Currency, ...AmountOut, count: z.number().int() })),
  }),
  stepUp: 'never',
  changes: false,
});

export const paymentsApproveBatch = commandSpec({
  name: 'payments.approve-batch',
  permission: 'payments:approve',
  summary: 'approve several pending payments with one hardware-key assertion over the batch digest; each is checked against its own rule',
  input: z.strictObject({ ids: BatchIds }),
  output: z.strictObject({
    digest: z.string(),
    payments: z.array(ApprovalOutcome),
  }),
  stepUp: 'always',
  changes: true,
});

export const paymentsExportApprovals = commandSpec({
  name: 'payments.export-approvals',
  permission: 'payments:read',
  summary: "a payment's approvals as standard WebAuthn assertions with public keys (JWK), for any WebAuthn library to verify",
  input: z.strictObject({ id: PaymentId }),
  output: z.strictObject({ file: FileOutput, approvals: z.number().int() }),
  stepUp: 'never',
  changes: true,
});
