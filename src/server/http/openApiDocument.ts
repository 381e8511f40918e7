import type { createDocument, ZodOpenApiOperationObject } from 'zod-openapi';
import { z } from 'zod';
import {
  ApprovalBatch,
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
    components: { schemas: { EnrolmentRequest, EnrolmentResponse, PolicyResponse, AccountsResponse, DeviceResponse, PaymentSubmission, ApprovalBatch, PaymentAnswer, PaymentStatusFeedResponse, PaymentStatusReport, StatementSyncResponse, WitnessKeyResponse, PayeeCheckRequest, PayeeCheckResponse, PayeeCheckAnswer, GatewayErrorResponse } },
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
