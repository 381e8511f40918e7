import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuditEntry, canonicalJson } from '../contract/index.js';
import { canonicalEntryText } from './canonicalEntryText.js';
import { encodeAuditEntry } from './encodeAuditEntry.js';
import { parseAuditEntry } from './parseAuditEntry.js';
import { scanCanonicalEntry } from './scanCanonicalEntry.js';

// The definition the direct writer must match byte for byte: the schema, then the generic RFC 8785 package.
const reference = (entry: unknown) => canonicalJson(AuditEntry.parse(entry));

// Code points of every plane, and UTF-16 code units alone (lone surrogates, which JSON.stringify escapes).
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)), maxLength: 12 }),
  fc.constantFrom('"', '\\', '\n\t\r\b\f', '\u0000\u001f\u007f', '\u2028\u2029', '</script>', '10', '9', '__proto__'),
);
const nonEmpty = text.filter((value) => value.length > 0);
const time = fc
  .tuple(fc.date({ noInvalidDate: true, min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z') }), fc.nat(2))
  .map(([date, form]) => {
    const iso = date.toISOString();
    return [iso, iso.replace(/\.\d+Z$/, 'Z'), iso.replace('Z', '123Z')][form] as string;
  });
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.constantFrom(true, false, null, -0, 2 ** 53, 1e21, 5e-324),
    fc.array(tie('value'), { maxLength: 4 }),
    tie('record'),
  ),
  record: fc.dictionary(text, tie('value'), { maxKeys: 5, noNullPrototype: false }),
}));
const entry = fc.record({
  seq: fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)),
  time,
  actor: fc.record({ userId: nonEmpty, deviceId: nonEmpty }),
  action: nonEmpty,
  target: fc.option(text, { nil: null }),
  outcome: fc.constantFrom('allowed', 'denied', 'failed'),
  reason: fc.option(text, { nil: null }),
  details: json.record as fc.Arbitrary<AuditEntry['details']>,
}) as fc.Arbitrary<AuditEntry>;

describe('the direct entry writer', () => {
  it('gives the bytes of the schema and the generic RFC 8785 canonicalization for random valid entries', () => {
    let written = 0;
    fc.assert(
      fc.property(entry, (value) => {
        const expected = reference(value);
        expect(encodeAuditEntry(value).toString('utf8')).toBe(expected);
        const direct = canonicalEntryText(value);
        if (direct !== undefined) {
          expect(direct).toBe(expected);
          written += 1;
        }
        // Read back, the bytes give the entry they encode (canonical: -0 is written 0).
        expect(parseAuditEntry(encodeAuditEntry(value))).toEqual(JSON.parse(expected));
      }),
      { numRuns: 400 },
    );
    // Most random entries must take the direct writer, or this property would test only the fallback.
    expect(written).toBeGreaterThan(300);
  });

  it('writes typical entries itself, including unicode, escapes and nested details', () => {
    const typical: AuditEntry = {
      seq: 41,
      time: '2024-05-01T12:00:00.000Z',
      actor: { userId: 'u-zoë', deviceId: 'd-1' },
      action: 'payments.approve',
      target: 'pay "1"\n',
      outcome: 'denied',
      reason: 'POLICY_DENIED',
      details: { payees: ['Müller GmbH', '\u2028😀'], limit: { amountMinor: 100000, currency: 'EUR' }, '10': null, '9': [true, -0.5] },
    };
    expect(canonicalEntryText(typical)).toBe(reference(typical));
  });
});

// One change that may break the schema: the schema says whether it does, and the writer must agree.
const wrongValues = [undefined, '', -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, {}, [], 'maybe', new Date(0), () => 1, Symbol('s'), 10n, null];
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('field' as const), key: fc.constantFrom('seq', 'time', 'actor', 'action', 'target', 'outcome', 'reason', 'details'), value: fc.constantFrom(...wrongValues) }),
  fc.record({ kind: fc.constant('actor' as const), key: fc.constantFrom('userId', 'deviceId', 'role'), value: fc.constantFrom(...wrongValues) }),
  fc.record({ kind: fc.constant('details' as const), key: text, value: fc.constantFrom(...wrongValues, new Map(), [1, undefined], Object.assign([1], { 1: undefined })) }),
  fc.record({ kind: fc.constant('extra' as const), key: fc.constantFrom('extra', 'seq '), value: fc.constantFrom(...wrongValues) }),
  fc.record({ kind: fc.constant('symbolKey' as const), key: fc.constant(''), value: fc.constant(1) }),
  fc.record({ kind: fc.constant('deep' as const), key: fc.constant(''), value: fc.constant(1) }),
);

function mutate(value: AuditEntry, change: { kind: string; key: string; value: unknown }): unknown {
  const copy: Record<string, unknown> = { ...value, actor: { ...value.actor }, details: { ...value.details } };
  if (change.kind === 'field' || change.kind === 'extra') copy[change.key] = change.value;
  if (change.kind === 'actor') (copy.actor as Record<string, unknown>)[change.key] = change.value;
  if (change.kind === 'details') (copy.details as Record<string, unknown>)[change.key] = change.value;
  if (change.kind === 'symbolKey') (copy.details as Record<symbol, unknown>)[Symbol('key')] = change.value;
  if (change.kind === 'deep') copy.details = { nested: Array.from({ length: 40 }).reduce<unknown>((inner) => [inner], [Number.NaN]) };
  return copy;
}

describe('when an entry breaks the schema', () => {
  it('refuses exactly what the schema refuses with AUDIT_BAD_ENTRY, and writes the rest as the schema would', () => {
    let refused = 0;
    fc.assert(
      fc.property(entry, mutation, (value, change) => {
        const mutated = mutate(value, change);
        if (AuditEntry.safeParse(mutated).success) {
          expect(encodeAuditEntry(mutated as AuditEntry).toString('utf8')).toBe(reference(mutated));
          return;
        }
        refused += 1;
        expect(canonicalEntryText(mutated)).toBeUndefined();
        expect(() => encodeAuditEntry(mutated as AuditEntry)).toThrow(expect.objectContaining({ code: 'AUDIT_BAD_ENTRY' }));
      }),
      { numRuns: 400 },
    );
    expect(refused).toBeGreaterThan(200);
  });

  it('refuses a time the writer accepted before once it is followed by an invalid one', async () => {
    const valid: AuditEntry = { seq: 0, time: '2024-05-01T12:00:00Z', actor: { userId: 'u', deviceId: 'd' }, action: 'a', target: null, outcome: 'allowed', reason: null, details: {} };
    encodeAuditEntry(valid);
    await expect(() => encodeAuditEntry({ ...valid, time: '2024-05-01T12:00:00' })).toThrowCode('AUDIT_BAD_ENTRY');
    await expect(() => encodeAuditEntry({ ...valid, time: '' })).toThrowCode('AUDIT_BAD_ENTRY');
  });
});

// Entries as a log holds them: printable names, unicode text with the short escapes, integers, nesting.
const name = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,12}$/);
const prose = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom('"quoted"', 'back\\slash', 'tab\tnew\nline\r\b\f', 'Müller GmbH', '\u2028😀'));
const typicalJson = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, prose, fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 }), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 3 }), tie('record')),
  record: fc.dictionary(name, tie('value'), { maxKeys: 4 }),
}));
const typical = fc.record({
  seq: fc.integer({ min: 0, max: 10 ** 15 - 1 }),
  time,
  actor: fc.record({ userId: name, deviceId: fc.uuid() }),
  action: name,
  target: fc.option(prose, { nil: null }),
  outcome: fc.constantFrom('allowed', 'denied', 'failed'),
  reason: fc.option(name, { nil: null }),
  details: typicalJson.record as fc.Arbitrary<AuditEntry['details']>,
}) as fc.Arbitrary<AuditEntry>;

/** What the full reading says of some bytes: the entry's seq, or the code it refuses them with. */
function fullReading(bytes: Uint8Array): number | string {
  try {
    return parseAuditEntry(bytes).seq;
  } catch (error) {
    return (error as { code?: string }).code ?? 'not an AuditError';
  }
}

describe('the quick scan of entry bytes', () => {
  it('vouches for the seq of every typical entry', () => {
    fc.assert(fc.property(typical, (value) => scanCanonicalEntry(encodeAuditEntry(value)) === value.seq), { numRuns: 400 });
  });

  it('vouches only for the seq the full reading gives, for any valid entry', () => {
    fc.assert(
      fc.property(entry, (value) => {
        const scanned = scanCanonicalEntry(encodeAuditEntry(value));
        return scanned === -1 || scanned === value.seq;
      }),
      { numRuns: 400 },
    );
  });

  it('never vouches for bytes the full reading refuses, whatever one edit was made to an entry', () => {
    const interesting = [...'"\\,:{}[]-01.eEu Z_', '\u0000', '\u001f', '\u007f'].map((char) => char.charCodeAt(0)).concat([0x80, 0xc3, 0xed, 0xff]);
    const edit = fc.record({
      kind: fc.constantFrom('replace', 'insert', 'delete', 'repeat'),
      at: fc.nat(),
      byte: fc.oneof(fc.constantFrom(...interesting), fc.nat(255)),
      span: fc.integer({ min: 1, max: 12 }),
    });
    let vouched = 0;
    fc.assert(
      fc.property(fc.oneof(typical, entry), edit, (value, { kind, at, byte, span }) => {
        const bytes = encodeAuditEntry(value);
        const i = at % bytes.length;
        const edited = Buffer.concat(
          kind === 'replace' ? [bytes.subarray(0, i), Buffer.of(byte), bytes.subarray(i + 1)]
          : kind === 'insert' ? [bytes.subarray(0, i), Buffer.of(byte), bytes.subarray(i)]
          : kind === 'delete' ? [bytes.subarray(0, i), bytes.subarray(i + span)]
          : [bytes.subarray(0, i + span), bytes.subarray(i)],
        );
        const scanned = scanCanonicalEntry(edited);
        // A verifier scans the entry inside its leaf input, after the prefix byte: the same answer.
        if (scanCanonicalEntry(Buffer.concat([Buffer.of(0), edited]), 1) !== scanned) return false;
        if (scanned === -1) return true;
        vouched += 1;
        return fullReading(edited) === scanned;
      }),
      { numRuns: 3000 },
    );
    // Edits inside strings keep many entries valid: the scan must have vouched for some, or this proves little.
    expect(vouched).toBeGreaterThan(100);
  });
});

describe('when entry bytes are almost canonical', () => {
  const base: AuditEntry = { seq: 7, time: '2024-05-01T12:00:00.000Z', actor: { userId: 'u', deviceId: 'd' }, action: 'a', target: null, outcome: 'allowed', reason: null, details: { a: 1, b: [true, 'x'] } };
  const canonical = encodeAuditEntry(base).toString('utf8');
  const cases: [string, string][] = [
    ['a repeated key', canonical.replace('{"a":1,', '{"a":1,"a":2,')],
    ['keys out of order', canonical.replace('{"a":1,"b":[true,"x"]}', '{"b":[true,"x"],"a":1}')],
    ['a __proto__ key, which the schema drops', canonical.replace('{"a":1,', '{"__proto__":1,"a":1,')],
    ['-0', canonical.replace('"a":1', '"a":-0')],
    ['1.0', canonical.replace('"a":1', '"a":1.0')],
    ['a leading zero', canonical.replace('"seq":7', '"seq":07')],
    ['an integer past 2^53', canonical.replace('"a":1', '"a":9007199254740993')],
    ['an escaped character that needs no escape', canonical.replace('"x"', '"\\u0078"')],
    ['an escaped slash', canonical.replace('"x"', '"\\/"')],
    ['whitespace', canonical.replace('"a":1', '"a": 1')],
    ['a trailing newline', `${canonical}\n`],
    ['a date that does not exist', canonical.replace('2024-05-01', '2024-02-30')],
    ['an empty action', canonical.replace('"action":"a"', '"action":""')],
    ['an unknown outcome', canonical.replace('"allowed"', '"maybe"')],
    ['an extra field', canonical.replace('"details"', '"extra":1,"details"')],
  ];
  it.each(cases)('does not vouch for %s, which the full reading refuses with AUDIT_BAD_ENTRY', async (_, text) => {
    expect(scanCanonicalEntry(Buffer.from(text))).toBe(-1);
    await expect(() => parseAuditEntry(Buffer.from(text))).toThrowCode('AUDIT_BAD_ENTRY');
  });
  it('does not vouch for invalid UTF-8 inside a string', () => {
    const broken = Buffer.from(canonical.replace('"x"', '"x\u00e9"'));
    broken[broken.indexOf(0xc3) + 1] = 0x28;
    expect(scanCanonicalEntry(broken)).toBe(-1);
    expect(fullReading(broken)).toBe('AUDIT_BAD_ENTRY');
  });
});
