import { describe, expect, it } from 'vitest';
import { digestChallenge } from './signDigest';

describe('digestChallenge', () => {
  it('turns the worked example of docs/signing.md (demo-0005) into its base64url challenge', () => {
    expect(digestChallenge('3418b8c6395cac1bba493f6e24d2e83fa478124e794f5fcdc4b862c35abe261d')).toBe('NBi4xjlcrBu6ST9uJNLoP6R4Ek55T1_NxLhiw1q-Jh0');
  });
});
