/**
 * Overwrites key material in place. JavaScript cannot promise that no copy survives elsewhere in the
 * heap, so callers keep keys in a single Buffer they own and zero it as soon as it is no longer needed.
 */
export function zeroize(...buffers: (Uint8Array | undefined)[]): void {
  for (const buffer of buffers) buffer?.fill(0);
}
