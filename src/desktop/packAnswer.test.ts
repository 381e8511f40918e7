import { describe, expect, it } from 'vitest';
import { packAnswer } from './openIpcDoor.js';

describe('when an answer crosses to the renderer', () => {
  it('travels as one JSON string that parses back to the same value', () => {
    const value = { total: 2, transactions: [{ amountMinor: -1250, remittanceInfo: '<script>x</script>', valueDate: null }] };
    const packed = packAnswer({ ok: true, value });
    expect(packed).toEqual({ ok: true, json: JSON.stringify(value) });
    if ('json' in packed) expect(JSON.parse(packed.json)).toEqual(value);
  });

  it('keeps an answer with file bytes structured, so the bytes stay a Uint8Array', () => {
    const answer = { ok: true as const, value: { file: { name: 'p.xml', mediaType: 'application/xml', bytes: new Uint8Array([60, 63]) } } };
    expect(packAnswer(answer)).toBe(answer);
  });

  it('leaves refusals as they are', () => {
    const refusal = { ok: false as const, error: { code: 'POLICY_DENIED' as const, message: 'no' } };
    expect(packAnswer(refusal)).toBe(refusal);
  });
});
