import { randomBytes as nodeRandomBytes, randomUUID } from 'node:crypto';

/** Bytes from the operating system's CSPRNG. */
export function randomBytes(length: number): Buffer {
  return nodeRandomBytes(length);
}

/** A random RFC 9562 version-4 UUID. */
export function randomId(): string {
  return randomUUID();
}
