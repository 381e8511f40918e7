import { CofferError, GatewayErrorResponse, isErrorCode } from '../../contract/index.js';
import { signGatewayRequest } from '../../protocol/index.js';

/** How long one request may take before it counts as a network failure (and is retried where that is safe). */
export const GATEWAY_TIMEOUT_MS = 30_000;

/** Who signs: the device's gateway id (ENROLMENT_KEY_ID while enrolling) and its Ed25519 seed. */
export interface GatewaySigner {
  keyId: string;
  seed: Uint8Array;
}

export interface GatewayRequest {
  gateway: URL;
  method: 'GET' | 'POST';
  /** Path and query (`/v1/statements?account=…`). */
  path: string;
  /** Absent: an unsigned request (only GET /v1/witness, whose key is pinned at enrolment). */
  signer?: GatewaySigner;
  body?: Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface GatewayAnswer {
  status: number;
  contentType: string;
  text: string;
}

/**
 * Sends one request, signed per Coffer's RFC 9421 profile when a signer is given. A network failure, a timeout or a 5xx is
 * APP_GATEWAY_UNREACHABLE (the caller may retry); a refusal keeps the gateway's own code when it is one of ours
 * (SERVER_BAD_ACTIVATION_CODE…), so the user hears what the bank said; anything else is APP_BAD_GATEWAY_ANSWER.
 * `accept` lists statuses the caller reads itself (the witness's 409).
 */
export async function gatewayRequest(request: GatewayRequest, accept: readonly number[] = []): Promise<GatewayAnswer> {
  const url = new URL(request.path, request.gateway).toString();
  const body = request.body;
  const signed = request.signer ? await signGatewayRequest({ method: request.method, url, keyId: request.signer.keyId, seed: request.signer.seed, ...(body ? { body } : {}) }) : {};
  const headers = { ...signed, ...(request.contentType ? { 'content-type': request.contentType } : {}), ...request.headers };
  let response: Response;
  let text: string;
  try {
    // A copy typed over an ArrayBuffer, which every lib.dom and undici accept as a body.
    response = await fetch(url, { method: request.method, headers, ...(body ? { body: Uint8Array.from(body) } : {}), redirect: 'error', signal: AbortSignal.timeout(GATEWAY_TIMEOUT_MS) });
    text = await response.text();
  } catch (cause) {
    throw new CofferError('APP_GATEWAY_UNREACHABLE', `expected an answer from the gateway at ${request.gateway.host}, found none (network error or timeout); nothing was lost, try again`, { cause });
  }
  const contentType = response.headers.get('content-type') ?? '';
  if ((response.status >= 200 && response.status < 300) || accept.includes(response.status)) return { status: response.status, contentType, text };
  if (response.status >= 500) {
    throw new CofferError('APP_GATEWAY_UNREACHABLE', `expected the gateway to answer ${request.method} ${request.path.split('?')[0]}, found it failing (HTTP ${response.status}); nothing was lost, try again`);
  }
  throw refusalOf(response.status, text);
}

/** The gateway's coded refusal as our error (its code when it is one of ours). */
export function refusalOf(status: number, text: string): CofferError {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const refusal = GatewayErrorResponse.safeParse(json);
  if (!refusal.success) return new CofferError('APP_BAD_GATEWAY_ANSWER', `expected the gateway's coded refusal, found HTTP ${status} without one`);
  const { code, message } = refusal.data.error;
  // Only a code of our closed list passes through; the message is the gateway's one line, never echoed data.
  return isErrorCode(code) ? new CofferError(code, `the bank refused: ${message.split('\n')[0] ?? ''}`) : new CofferError('APP_BAD_GATEWAY_ANSWER', `the bank refused with an unknown code (HTTP ${status})`);
}

/** Parses a JSON answer with its contract schema; a mismatch is APP_BAD_GATEWAY_ANSWER. */
export function parseAnswer<T>(answer: GatewayAnswer, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new CofferError('APP_BAD_GATEWAY_ANSWER', `expected ${what} from the gateway, found an answer of another shape`);
  return parsed.data;
}

/** What one POST of a sync step came to: the parsed answer, the bank's coded refusal, or no answer (left for the next sync). */
export type PostOutcome<T> = { answer: T } | { code: string } | { unreachable: true };

/**
 * POSTs `payload` as JSON and sorts the result as every sync step that sends rows one by one does: an answer
 * parsed with its schema, a coded refusal to record against the row, or an unreachable gateway that stops the
 * step. An answer that cannot be read throws (APP_BAD_GATEWAY_ANSWER): the row is kept for the next sync.
 */
export async function postForOutcome<T>(
  request: { gateway: URL; path: string; signer: GatewaySigner; payload: unknown },
  schema: Parameters<typeof parseAnswer<T>>[1],
  what: string,
): Promise<PostOutcome<T>> {
  try {
    const body = new TextEncoder().encode(JSON.stringify(request.payload));
    return { answer: parseAnswer(await gatewayRequest({ gateway: request.gateway, method: 'POST', path: request.path, signer: request.signer, body, contentType: 'application/json' }), schema, what) };
  } catch (error) {
    if (!(error instanceof CofferError)) throw error;
    if (error.code === 'APP_GATEWAY_UNREACHABLE') return { unreachable: true };
    if (error.code === 'APP_BAD_GATEWAY_ANSWER') throw error;
    return { code: error.code };
  }
}

/**
 * Ensures a page of a feed read by cursor moves forward in order: a gateway can neither move the cursor back
 * nor skip past what it sends. `what` names the feed in the refusal.
 */
export function ensureFeedPageInOrder(entries: readonly { seq: number }[], after: number, next: number, what: string): void {
  const ordered = entries.every((entry, index) => entry.seq > (entries[index - 1]?.seq ?? after) && entry.seq <= next);
  if (next < after || !ordered) throw new CofferError('APP_BAD_GATEWAY_ANSWER', `expected ${what} after ${after} in order, found another page`);
}
