/**
 * mulberry32: a tiny deterministic PRNG, so every seeded demo vault holds the same statements and every
 * crash-test run can be replayed from its seed. Never for anything secret: keys come from src/crypto.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
