/**
 * The size of a message as the shell measures it: its JSON, with file bytes counted as what they are
 * (the shell does the same), so a statement of 900 KB is not taken for 7 MB of `{"0":…}`.
 */
export function messageSize(message: unknown): number {
  const text = JSON.stringify(message, (_key, value: unknown) => (value instanceof Uint8Array ? `${'#'.repeat(value.byteLength)}` : value));
  return new TextEncoder().encode(text).length;
}
