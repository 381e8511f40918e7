import { randomBytes as nodeRandomBytes } from 'node:crypto';

/** Bytes from the operating system's CSPRNG. */
export function randomBytes(length: number): Buffer {
  return nodeRandomBytes(length);
}
