/** C2SP signed-note §Signature types: 0x01 marks an Ed25519 key, in key ids and key strings. */
export const ED25519_SIGNATURE_TYPE = 0x01;

/** C2SP signed-note §Format: a signature line starts with U+2014 EM DASH and a space. */
export const SIGNATURE_LINE_PREFIX = '\u2014 ';

/** C2SP signed-note §Signatures: a signature starts with a 4-byte big-endian key id. */
export const KEY_ID_LENGTH = 4;

/** C2SP signed-note §Format: verifiers must accept at least 16 signatures; more is a resource attack. */
export const MAX_NOTE_SIGNATURES = 100;

/** A note far larger than any checkpoint is refused before any work is spent on it. */
export const MAX_NOTE_LENGTH = 1 << 20;

/** The prefix Go's golang.org/x/mod/sumdb/note gives private signer key strings. */
export const SIGNER_KEY_PREFIX = 'PRIVATE+KEY+';
