import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { FileInput } from '../../src/api/index.js';

/** A file on disk as a command takes it: its name and bytes. */
export function fileInput(path: string, name = basename(path)): FileInput {
  return { name, bytes: readFileSync(path) };
}

/** Text as a file a command takes. */
export function textFile(name: string, text: string): FileInput {
  return { name, bytes: new TextEncoder().encode(text) };
}
