import { AuditEntry } from '../contract/index.js';

// The entry's keys in RFC 8785 §3.2.3 order (UTF-16 code units): the text below is written in this order.
const ENTRY_KEYS = new Set(['action', 'actor', 'details', 'outcome', 'reason', 'seq', 'target', 'time']);
// Deeper details are left to the schema: it is the judge of anything unusual, and it is rare.
const MAX_DEPTH = 32;

// JSON.stringify escapes exactly these: '"', '\\', U+0000..U+001F, and lone surrogates (ECMA-262
// QuoteJSONString). Without any of them a string's JSON form is the string in quotes, which is far cheaper
// to write than calling JSON.stringify (paired surrogates are also sent there, which writes them as they are).
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const quote = (text: string) => (NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`);

const isTime = (text: string) => AuditEntry.shape.time.safeParse(text).success;
// A log's entries mostly share their time (one per batch), and the schema's check is the costly one.
let lastTime: string | undefined;

/**
 * The RFC 8785 canonical JSON text of an audit entry, written directly for the schema's fixed shape,
 * or undefined when this quick check cannot vouch for the value: then the schema decides. Never
 * returns text for a value `AuditEntry` refuses, and returns exactly
 * `canonicalJson(AuditEntry.parse(entry))` otherwise (a property test holds both to that).
 *
 * Strings are written as JSON.stringify writes them, which is what RFC 8785 §3.2.2.2 prescribes, numbers
 * as §3.2.2.3 does; keys are sorted by UTF-16 code units as §3.2.3 asks (the default sort order).
 */
export function canonicalEntryText(entry: unknown): string | undefined {
  if (!isPlainObject(entry) || !hasOnlyKeys(entry, ENTRY_KEYS, 8)) return undefined;
  const { action, actor, details, outcome, reason, seq, target, time } = entry as Record<string, unknown>;
  if (!isNonEmptyString(action) || !isPlainObject(actor) || !isNullableString(reason) || !isNullableString(target)) return undefined;
  if (outcome !== 'allowed' && outcome !== 'denied' && outcome !== 'failed') return undefined;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return undefined;
  if (typeof time !== 'string' || (time !== lastTime && !isTime(time))) return undefined;
  lastTime = time;
  const { userId, deviceId } = actor as Record<string, unknown>;
  if (!hasOnlyKeys(actor, ACTOR_KEYS, 2) || !isNonEmptyString(userId) || !isNonEmptyString(deviceId)) return undefined;
  const detailsText = recordText(details, 0);
  if (detailsText === undefined) return undefined;
  return (
    `{"action":${quote(action)},"actor":{"deviceId":${quote(deviceId)},"userId":${quote(userId)}},` +
    `"details":${detailsText},"outcome":"${outcome}","reason":${nullableText(reason)},"seq":${seq},` +
    `"target":${nullableText(target)},"time":${quote(time)}}`
  );
}

const ACTOR_KEYS = new Set(['deviceId', 'userId']);

/** An object the schema reads as a plain record: made by a literal, JSON.parse or Object.create(null). */
function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Exactly `count` enumerable keys, all known: the schema's strict objects list keys the same way (for…in). */
function hasOnlyKeys(value: object, known: ReadonlySet<string>, count: number): boolean {
  let seen = 0;
  for (const key in value) {
    if (!known.has(key)) return false;
    seen += 1;
  }
  return seen === count;
}

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isNullableString = (value: unknown): value is string | null => value === null || typeof value === 'string';
const nullableText = (value: string | null) => (value === null ? 'null' : quote(value));

/** A JSON value of the details (`z.json()`): strings, finite numbers, booleans, null, arrays, records. */
function jsonText(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      // RFC 8785 §3.2.2.3 writes numbers as ECMAScript's Number::toString does (and -0 as 0), as does String().
      return Number.isFinite(value) ? String(value) : undefined;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? arrayText(value, depth + 1) : recordText(value, depth + 1);
    default:
      return undefined;
  }
}

function arrayText(value: unknown[], depth: number): string | undefined {
  if (depth > MAX_DEPTH || Object.getPrototypeOf(value) !== Array.prototype) return undefined;
  let text = '[';
  for (let i = 0; i < value.length; i++) {
    // A hole or undefined element is the schema's call (it refuses both).
    const element = jsonText(value[i], depth);
    if (element === undefined) return undefined;
    text += i === 0 ? element : `,${element}`;
  }
  return `${text}]`;
}

function recordText(value: unknown, depth: number): string | undefined {
  if (depth > MAX_DEPTH || !isPlainObject(value)) return undefined;
  // The schema's records also read symbol keys (and refuse them), and drop "__proto__": leave both to it.
  if (Object.getOwnPropertySymbols(value).length > 0) return undefined;
  const keys = Object.keys(value).sort();
  let text = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (key === '__proto__') return undefined;
    const member = jsonText((value as Record<string, unknown>)[key], depth);
    if (member === undefined) return undefined;
    text += `${i === 0 ? '' : ','}${quote(key)}:${member}`;
  }
  return `${text}}`;
}
