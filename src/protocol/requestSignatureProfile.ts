/*
 * Coffer's profile of HTTP Message Signatures (RFC 9421) for requests from an enrolled device. A request is
 * signed over exactly these components and parameters, with Ed25519; anything else is refused, so no
 * client can choose a weaker coverage (RFC 9421 §7.2.1: the verifier decides what must be covered).
 */

/** The one signature label we read in Signature-Input and Signature (RFC 9421 §4.1). */
export const SIGNATURE_LABEL = 'coffer';

/** Covered components, in order (§2.2.1 @method, §2.2.6 @path, §2.2.7 @query; RFC 9530 Content-Digest). */
export const COVERED_COMPONENTS = ['@method', '@path', '@query', 'content-digest'] as const;

/** Signature parameters, in order (§2.3): when, which device, a single-use nonce, and the algorithm (§3.3.6). */
export const SIGNATURE_PARAMETERS = ['created', 'keyid', 'nonce', 'alg'] as const;

/** RFC 9421 §6.2.2 name of Ed25519 (RFC 8032) signatures. */
export const SIGNATURE_ALGORITHM = 'ed25519';

/** How far a signature's `created` may be from the gateway's clock, either way. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** A nonce: 16 to 64 base64url characters (at least 96 random bits from the client). */
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** The keyid of an enrolment request, signed by the key it enrols (proof of possession). */
export const ENROLMENT_KEY_ID = 'enrolment';
