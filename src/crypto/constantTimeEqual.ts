import { timingSafeEqual } from 'node:crypto';

/** Compares two byte strings without leaking, through timing, where they first differ. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  // Length is not secret for MACs and tags of fixed size; only content comparison must be constant-time.
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}
