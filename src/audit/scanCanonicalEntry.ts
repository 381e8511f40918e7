import { isUtf8 } from 'node:buffer';
import { AuditEntry } from '../contract/index.js';

const ascii = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));

// The canonical entry is these fixed pieces in this order (RFC 8785 §3.2.3 key order), with values between.
const ACTION = ascii('{"action":');
const DEVICE_ID = ascii(',"actor":{"deviceId":');
const USER_ID = ascii(',"userId":');
const DETAILS = ascii('},"details":');
const OUTCOME = ascii(',"outcome":');
const OUTCOMES = ['"allowed"', '"denied"', '"failed"'].map(ascii);
const REASON = ascii(',"reason":');
const SEQ = ascii(',"seq":');
const TARGET = ascii(',"target":');
const TIME = ascii(',"time":');
const TRUE = ascii('true');
const FALSE = ascii('false');
const NULL = ascii('null');
// The schema's records drop this key, so bytes holding it are never canonical; the full reading refuses them.
const PROTO = ascii('__proto__');

const [QUOTE, BACKSLASH, COMMA, COLON, MINUS, ZERO, NINE] = [0x22, 0x5c, 0x2c, 0x3a, 0x2d, 0x30, 0x39];
const [OPEN_OBJECT, CLOSE_OBJECT, OPEN_ARRAY, CLOSE_ARRAY] = [0x7b, 0x7d, 0x5b, 0x5d];
// JSON.stringify's short escapes: \" \\ \b \f \n \r \t (RFC 8785 §3.2.2.2). Any \u escape goes to the full reading.
const SHORT_ESCAPES = new Set([QUOTE, BACKSLASH, 0x62, 0x66, 0x6e, 0x72, 0x74]);
// Integers of up to 15 digits are exact doubles, which Number::toString writes back digit for digit.
const MAX_DIGITS = 15;
const MAX_DEPTH = 32;
const UNSURE = -1;

// The entry being scanned; one at a time, synchronously.
// A Buffer, as callers' entries are: one kind of array keeps the byte reads below monomorphic.
const EMPTY: Uint8Array = Buffer.alloc(0);
let bytes = EMPTY;
let at = 0;
// Whether the last string read holds only ASCII and no escape, so its bytes sort as its UTF-16 code units.
let plain = false;
// Whether any string read so far holds a byte beyond ASCII: only then can the entry be invalid UTF-8, since
// outside strings the scan accepts ASCII alone.
let beyondAscii = false;
const lastTime = new Uint8Array(64);
let lastTimeLength = -1;

/**
 * The `seq` of `entry` when its bytes are certainly the canonical leaf bytes of a valid audit entry,
 * checked in one pass over the bytes without building the entry; UNSURE (-1) when this quick scan
 * cannot tell (escapes by \u, non-ASCII keys, fractions, deep nesting, or anything wrong). The caller
 * then reads the entry fully ({@link parseAuditEntry}), which decides and explains.
 *
 * It never vouches for bytes the full reading refuses: valid UTF-8, the schema's exact shape, keys
 * sorted and unique, strings, numbers and literals exactly as RFC 8785 writes them, and the time
 * checked by the schema's own rule. A property test holds it to that.
 *
 * `from`: where the entry starts in `entry`, which it fills to the end; a verifier holding the leaf input
 * 0x00 ‖ entry scans it from 1 without making a view of the entry alone.
 */
export function scanCanonicalEntry(entry: Uint8Array, from = 0): number {
  bytes = entry;
  at = from;
  beyondAscii = false;
  const seq = scanEntry();
  bytes = EMPTY;
  return beyondAscii && !isUtf8(entry) ? UNSURE : seq;
}

function scanEntry(): number {
  if (!piece(ACTION) || string() < 1) return UNSURE;
  if (!piece(DEVICE_ID) || string() < 1 || !piece(USER_ID) || string() < 1) return UNSURE;
  if (!piece(DETAILS) || !object(1)) return UNSURE;
  if (!piece(OUTCOME) || !OUTCOMES.some(piece)) return UNSURE;
  if (!piece(REASON) || !(piece(NULL) || string() >= 0)) return UNSURE;
  if (!piece(SEQ)) return UNSURE;
  const seq = digits();
  if (seq === UNSURE || !piece(TARGET) || !(piece(NULL) || string() >= 0)) return UNSURE;
  if (!piece(TIME)) return UNSURE;
  const timeStart = at + 1;
  if (string() < 1 || !plain || !isTime(timeStart, at - 1)) return UNSURE;
  if (bytes[at] !== CLOSE_OBJECT || at !== bytes.length - 1) return UNSURE;
  return seq;
}

/** Steps over `expected` if the bytes at the position are exactly it. */
function piece(expected: Uint8Array): boolean {
  const input = bytes;
  const start = at;
  for (let i = 0; i < expected.length; i++) if (input[start + i] !== expected[i]) return false;
  at = start + expected.length;
  return true;
}

/** A string as JSON.stringify writes it; returns its length in bytes, or UNSURE. */
function string(): number {
  // Locals in the loop: this is where the scan spends its time.
  const input = bytes;
  if (input[at] !== QUOTE) return UNSURE;
  const start = at + 1;
  let ascii = true;
  for (let i = start; i < input.length; ) {
    const byte = input[i] as number;
    if (byte === QUOTE) {
      at = i + 1;
      plain = ascii;
      return i - start;
    }
    if (byte === BACKSLASH) {
      if (!SHORT_ESCAPES.has(input[i + 1] as number)) return UNSURE;
      ascii = false;
      i += 2;
    } else {
      // A raw control character is not JSON at all.
      if (byte < 0x20) return UNSURE;
      if (byte >= 0x80) {
        ascii = false;
        beyondAscii = true;
      }
      i += 1;
    }
  }
  return UNSURE;
}

/** A non-negative integer without leading zeros, as Number::toString writes it; its value, or UNSURE. */
function digits(): number {
  const input = bytes;
  const start = at;
  let i = start;
  let value = 0;
  for (let byte = input[i] as number; byte >= ZERO && byte <= NINE; byte = input[++i] as number) value = value * 10 + (byte - ZERO);
  at = i;
  const count = i - start;
  if (count === 0 || count > MAX_DIGITS || (count > 1 && input[start] === ZERO)) return UNSURE;
  return value;
}

function value(depth: number): boolean {
  const byte = bytes[at] as number;
  if (byte === QUOTE) return string() >= 0;
  if (byte === OPEN_OBJECT) return object(depth + 1);
  if (byte === OPEN_ARRAY) return array(depth + 1);
  // A fraction or exponent is followed by '.', 'e' or 'E', which no caller accepts next: UNSURE.
  if (byte === MINUS) return bytes[++at] !== ZERO && digits() !== UNSURE; // "-0" is written "0"
  if (byte >= ZERO && byte <= NINE) return digits() !== UNSURE;
  return piece(TRUE) || piece(FALSE) || piece(NULL);
}

function object(depth: number): boolean {
  if (depth > MAX_DEPTH || bytes[at] !== OPEN_OBJECT) return false;
  at += 1;
  if (bytes[at] === CLOSE_OBJECT) {
    at += 1;
    return true;
  }
  let previousStart = -1;
  let previousEnd = -1;
  for (;;) {
    const keyStart = at + 1;
    if (string() < 0 || !plain) return false;
    const keyEnd = at - 1;
    // Ensure keys ascend strictly: sorted as RFC 8785 §3.2.3 asks, and never repeated.
    if (previousStart >= 0 && !isBefore(previousStart, previousEnd, keyStart, keyEnd)) return false;
    if (keyEnd - keyStart === PROTO.length && equalsProto(keyStart)) return false;
    if (bytes[at++] !== COLON || !value(depth)) return false;
    previousStart = keyStart;
    previousEnd = keyEnd;
    const next = bytes[at++];
    if (next === CLOSE_OBJECT) return true;
    if (next !== COMMA) return false;
  }
}

function array(depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  at += 1;
  if (bytes[at] === CLOSE_ARRAY) {
    at += 1;
    return true;
  }
  for (;;) {
    if (!value(depth)) return false;
    const next = bytes[at++];
    if (next === CLOSE_ARRAY) return true;
    if (next !== COMMA) return false;
  }
}

/** Whether bytes [aStart, aEnd) sort strictly before [bStart, bEnd). */
function isBefore(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  const common = Math.min(aEnd - aStart, bEnd - bStart);
  for (let i = 0; i < common; i++) {
    const a = bytes[aStart + i] as number;
    const b = bytes[bStart + i] as number;
    if (a !== b) return a < b;
  }
  return aEnd - aStart < bEnd - bStart;
}

function equalsProto(start: number): boolean {
  for (let i = 0; i < PROTO.length; i++) if (bytes[start + i] !== PROTO[i]) return false;
  return true;
}

/** The schema's time rule, asked only when the time differs from the last one it accepted. */
function isTime(start: number, end: number): boolean {
  const length = end - start;
  if (length === lastTimeLength) {
    let same = true;
    for (let i = 0; i < length && same; i++) same = bytes[start + i] === lastTime[i];
    if (same) return true;
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, length).toString('latin1');
  if (!AuditEntry.shape.time.safeParse(text).success) return false;
  if (length <= lastTime.length) {
    lastTime.set(bytes.subarray(start, end));
    lastTimeLength = length;
  }
  return true;
}
