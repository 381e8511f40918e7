import type { createDocument, ZodOpenApiOperationObject } from 'zod-openapi';
import { z } from 'zod';
import {
  ApprovalBatch,
  ApprovalSubmission,
  CredentialAnswer,
  CredentialSubmission,
  PendingPaymentAnswer,
  PendingPaymentFeedQuery,
  PendingPaymentFeedResponse,
  PendingPaymentSubmission,
  DeviceResponse,
  EnrolmentRequest,
  EnrolmentResponse,
  GatewayErrorResponse,
  HealthResponse,
  IdempotencyKeyText,
  PaymentAnswer,
  PaymentStatusFeedQuery,
  PaymentStatusFeedResponse,
  PaymentStatusReport,
  PaymentSubmission,
  PayeeCheckAnswer,
  PayeeCheckRequest,
  PayeeCheckResponse,
  PolicyResponse,
  ReadyResponse,
  StatementSyncQuery,
  AccountsResponse,
  StatementSyncResponse,
  WitnessKeyResponse,
} from '../../contract/index.js';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const refusal = (description: string) => json(GatewayErrorResponse, description);

// RFC 9421 has no OpenAPI security scheme; the three fields are stated on every signed operation.
const SIGNED_REQUEST_HEADERS = z.object({
  'signature-input': z.string().meta({ description: 'RFC 9421 §4.1, label "coffer": ("@method" "@path" "@query" "content-digest");created;keyid;nonce;alg="ed25519"' }),
  signature: z.string().meta({ description: 'RFC 9421 §4.2, label "coffer": the Ed25519 signature of the signature base' }),
  'content-digest': z.string().meta({ description: 'RFC 9530: sha-256 of the body (of the empty body for GET)' }),
});

const signedRefusals = {
  '401': refusal('unsigned, bad signature or digest, clock skew, unknown device, replayed nonce'),
  '403': refusal('the device is revoked'),
  '429': refusal('rate limited'),
};

function signed(operation: ZodOpenApiOperationObject): ZodOpenApiOperationObject {
  return { ...operation, requestParams: { ...operation.requestParams, header: SIGNED_REQUEST_HEADERS }, responses: { ...signedRefusals, ...operation.responses } };
}

/** The gateway's OpenAPI 3.1 document, generated from the same zod schemas that validate its messages. */
export async function openApiDocument(): Promise<ReturnType<typeof createDocument>> {
  // Loaded on use: the CLI's other commands never need it.
  const { createDocument } = await import('zod-openapi');
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'Coffer bank gateway', version: '1' },
    components: { schemas: { EnrolmentRequest, EnrolmentResponse, PolicyResponse, AccountsResponse, DeviceResponse, PaymentSubmission, ApprovalBatch, PaymentAnswer, PaymentStatusFeedResponse, PaymentStatusReport, StatementSyncResponse, WitnessKeyResponse, PayeeCheckRequest, PayeeCheckResponse, PayeeCheckAnswer, PendingPaymentSubmission, PendingPaymentAnswer, PendingPaymentFeedResponse, ApprovalSubmission, CredentialSubmission, CredentialAnswer, GatewayErrorResponse } },
    paths: {
      '/healthz': { get: { summary: 'the process is up', responses: { '200': json(HealthResponse, 'up') } } },
      '/readyz': {
        get: { summary: 'the store answers', responses: { '200': json(ReadyResponse, 'ready'), '503': refusal('the store does not answer') } },
      },
      '/v1/enrolments': {
        post: signed({
          summary: 'enrol a device with a one-time activation code; signed by the key it enrols (keyid "enrolment")',
          requestBody: { content: { 'application/json': { schema: EnrolmentRequest } } },
          responses: {
            '201': json(EnrolmentResponse, 'enrolled: device certificate and signed policy'),
            '400': refusal('malformed request'),
            '403': refusal('unknown or expired activation code'),
            '409': refusal('activation code already used, or device key already enrolled'),
          },
        }),
      },
      '/v1/policy': { get: signed({ summary: "the organisation's current signed policy", responses: { '200': json(PolicyResponse, 'the policy JWS') } }) },
      '/v1/accounts': { get: signed({ summary: "the organisation's accounts at the bank", responses: { '200': json(AccountsResponse, 'the accounts, by IBAN') } }) },
      '/v1/payments': {
        post: {
          ...signed({
            summary: 'submit an approved payment; accepted at most once per organisation',
            requestBody: { content: { 'application/json': { schema: PaymentSubmission } } },
            responses: {
              '201': json(PaymentAnswer, 'accepted'),
              '400': refusal('malformed request or no Idempotency-Key'),
              '409': json(PaymentAnswer.or(GatewayErrorResponse), 'accepted before: the stored answer; or the id was accepted with another digest (SERVER_PAYMENT_ID_CONFLICT)'),
              '422': refusal(
                "an approval that does not verify, a batch approval whose batch does not hold this payment (SERVER_NOT_IN_BATCH), an unknown, cloned or maker's credential, approvals missing, expired or unemittable order, reused Idempotency-Key",
              ),
            },
          }),
          requestParams: { header: SIGNED_REQUEST_HEADERS.extend({ 'idempotency-key': IdempotencyKeyText.meta({ description: 'a fresh key per payment; a retry with it gets the stored answer' }) }) },
        },
      },
      '/v1/pending-payments': {
        post: signed({
          summary:
            "share a payment for approval between vaults, or withdraw it; by the maker's device, with its Ed25519 signature over the canonical JSON of the PendingPaymentStatement {tag, orgId, paymentId, digest, status, sequence}, sequence strictly increasing per payment",
          requestBody: { content: { 'application/json': { schema: PendingPaymentSubmission } } },
          responses: {
            '201': json(PendingPaymentAnswer, 'stored: shared, changed or withdrawn'),
            '200': json(PendingPaymentAnswer, 'held already with this digest and status (an exact retry, or a newer sequence changing nothing), or accepted before'),
            '400': refusal('malformed request'),
            '403': refusal('the order is not made by the device user (SERVER_NOT_MAKER)'),
            '409': refusal('the id holds another order or maker (SERVER_PAYMENT_ID_CONFLICT), or a sequence not above the one held that is not an exact retry of it (SERVER_STALE_SHARE)'),
            '422': refusal("the maker's signature does not verify (SERVER_BAD_MAKER_SIGNATURE), an expired or unemittable order, an account the organisation does not hold"),
          },
        }),
        get: signed({
          summary:
            "the organisation's pending payments as they changed after a cursor, oldest first (resumable sync); each with the maker's device signature and that device's certificate (compact JWS by the bank key) to check it offline",
          requestParams: { query: PendingPaymentFeedQuery },
          responses: {
            '200': json(PendingPaymentFeedResponse, 'a page of the feed and the cursor to resume from'),
            '400': refusal('malformed query'),
          },
        }),
      },
      '/v1/approvals': {
        post: signed({
          summary: "an approver's approval of a pending payment at its current digest; the gateway accepts the payment in the same transaction once the organisation's rule is met",
          requestBody: { content: { 'application/json': { schema: ApprovalSubmission } } },
          responses: {
            '200': json(PendingPaymentAnswer, 'where the payment stands now: pending with the approvers held, or accepted'),
            '400': refusal('malformed request'),
            '403': refusal("the credential is not the device user's (SERVER_NOT_DEVICE_USER)"),
            '404': refusal('no payment of this id shared in the organisation (SERVER_UNKNOWN_PAYMENT)'),
            '409': refusal('withdrawn (SERVER_PAYMENT_WITHDRAWN), or changed by its maker since (SERVER_STALE_APPROVAL)'),
            '422': refusal("an approval that does not verify, of a batch without this payment, by an unknown, cloned or the maker's credential; an expired order"),
          },
        }),
      },
      '/v1/credentials': {
        post: signed({
          summary: "register a hardware key of the device's user after enrolment; its challenge is deviceRegistrationChallenge(device key, salt); the next policy version lists it",
          requestBody: { content: { 'application/json': { schema: CredentialSubmission } } },
          responses: {
            '201': json(CredentialAnswer, 'registered: the credential id and the policy version that lists it'),
            '400': refusal('malformed request'),
            '409': refusal('the credential is registered already (SERVER_CREDENTIAL_IN_USE)'),
            '422': refusal('a registration that does not verify for this device, lacks user verification, or is a demo key'),
          },
        }),
      },
      '/v1/payee-checks': {
        post: signed({
          summary:
            'Verification of Payee: does the name name the holder of the IBAN? The answer is a compact JWS by the bank key (typ coffer-payee-check+jws) whose payload is a PayeeCheckAnswer: match, close-match (with the registered name), no-match, or not-possible for an account the bank cannot check',
          requestBody: { content: { 'application/json': { schema: PayeeCheckRequest } } },
          responses: {
            '200': json(PayeeCheckResponse, 'the signed answer'),
            '400': refusal('malformed request, an IBAN whose check digits fail, or a name that is not printable text'),
          },
        }),
      },
      '/v1/device': { get: signed({ summary: 'the signing device as the gateway knows it', responses: { '200': json(DeviceResponse, 'the device') } }) },
      '/v1/payment-statuses': {
        get: signed({
          summary:
            "the status reports of the organisation's payments after a cursor, in the order the bank signed them (resumable sync); each report is a compact JWS by the bank key (typ coffer-payment-status+jws) whose payload is a PaymentStatusReport",
          requestParams: { query: PaymentStatusFeedQuery },
          responses: {
            '200': json(PaymentStatusFeedResponse, 'a page of the feed and the cursor to resume from'),
            '400': refusal('malformed query'),
          },
        }),
      },
      '/v1/statements': {
        get: signed({
          summary: "an account's booked lines after a cursor, in booking order (resumable sync)",
          requestParams: { query: StatementSyncQuery },
          responses: {
            '200': json(StatementSyncResponse, 'a page of the feed and the cursor to resume from'),
            '400': refusal('malformed query'),
            '404': refusal('no such account in the organisation of the device'),
          },
        }),
      },
      '/v1/witness': { get: { summary: "the witness's cosigner name and Ed25519 key", responses: { '200': json(WitnessKeyResponse, 'the witness key') } } },
      '/v1/witness/add-checkpoint': {
        post: signed({
          summary: 'C2SP tlog-witness add-checkpoint for the device\'s own vault log: old size, consistency proof, signed checkpoint',
          requestBody: { content: { 'text/plain': { schema: z.string() } } },
          responses: {
            '200': { description: 'the cosignature line (C2SP cosignature/v1)', content: { 'text/plain': { schema: z.string() } } },
            '400': refusal('malformed body, or an old size above the checkpoint size'),
            '403': refusal('the checkpoint is not signed by the device key, or the device is revoked'),
            '404': refusal('the checkpoint is of another log than the device\'s vault'),
            '409': { description: 'the old size is not the size last cosigned: that size, in decimal', content: { 'text/x.tlog.size': { schema: z.string() } } },
            '422': refusal('the consistency proof does not join the checkpoint to the one last cosigned: the bank is alerted'),
          },
        }),
      },
    },
  });
}
