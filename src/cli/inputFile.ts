import { basename } from 'node:path';
import { MAX_FILE_BYTES, type FileInput } from '../api/index.js';
import { readBoundedFile } from './readBoundedFile.js';

/** A file named on the command line, as a command takes it: its name and its bytes, read within the limit. */
export function inputFile(path: string, what: string): FileInput {
  return { name: basename(path), bytes: readBoundedFile(path, MAX_FILE_BYTES, what) };
}
