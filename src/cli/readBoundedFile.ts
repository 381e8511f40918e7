import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { CofferError, type CliErrorCode } from '../contract/index.js';

/**
 * Reads a file the user named, but only a regular file and never more than `maxBytes`: the read stops at
 * the limit instead of trusting a size (`/dev/zero` reports 0 and never ends; a FIFO blocks `stat`-less).
 * The descriptor is opened non-blocking so that a FIFO with no writer cannot hang the process.
 */
export function readBoundedFile(path: string, maxBytes: number, what: string, code: CliErrorCode = 'CLI_BAD_FILE'): Buffer {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (cause) {
    const reason = (cause as { code?: unknown }).code;
    throw new CofferError(code, `cannot read the ${what} ${path}${typeof reason === 'string' ? ` (${reason})` : ''}`, { cause });
  }
  try {
    // Ensure it is a plain file before reading a byte: devices, FIFOs and sockets are refused.
    if (!fstatSync(fd).isFile()) throw new CofferError(code, `expected the ${what} ${path} to be a regular file, found a device, pipe or folder`);
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.alloc(Math.min(1 << 20, maxBytes + 1));
    for (;;) {
      const read = readSync(fd, chunk, 0, Math.min(chunk.length, maxBytes + 1 - total), null);
      if (read === 0) break;
      chunks.push(Buffer.from(chunk.subarray(0, read)));
      total += read;
      if (total > maxBytes) throw new CofferError(code, `expected the ${what} ${path} to hold at most ${maxBytes} bytes, found more`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}
