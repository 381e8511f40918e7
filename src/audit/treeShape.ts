// Integer helpers for tree sizes. Sizes may exceed 2^32, so plain arithmetic instead of 32-bit bit operators.

/** Whether `value` is a usable tree size or index: a safe non-negative integer. */
export function isTreeCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** The largest power of two strictly smaller than `n` (n ≥ 2): the left subtree's size (RFC 9162 §2.1.1). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The largest power of two not greater than `n` (n ≥ 1). */
export function largestPowerOfTwoUpTo(n: number): number {
  let k = 1;
  while (k * 2 <= n) k *= 2;
  return k;
}

/** log2 of a power of two. */
export function levelOf(powerOfTwo: number): number {
  return Math.round(Math.log2(powerOfTwo));
}
