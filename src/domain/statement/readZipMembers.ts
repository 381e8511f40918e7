import { Buffer } from 'node:buffer';
import yauzl from 'yauzl';
import { CofferError } from '../../contract/index.js';

/** Limits on a ZIP of statements (EBICS C52/C53/C54 downloads): generous for banks, fatal for bombs. */
export interface ZipLimits {
  /** Files in the archive (directories included). */
  maxMembers: number;
  /** Uncompressed size of one file, in bytes. */
  maxMemberBytes: number;
  /** Uncompressed size of all files together, in bytes. */
  maxTotalBytes: number;
  /** Uncompressed / compressed size above which a file (larger than 1 MiB) is taken for a bomb. */
  maxRatio: number;
}

export const ZIP_LIMITS: Readonly<ZipLimits> = Object.freeze({
  maxMembers: 1000,
  maxMemberBytes: 256 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  // XML statements compress about 10–40 times; deflate itself tops out near 1032 (a bomb's ratio).
  maxRatio: 200,
});

/** A file from the archive, read into memory. */
export interface ZipMember {
  name: string;
  bytes: Uint8Array;
}

const RATIO_FLOOR = 1024 * 1024;
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

function bad(message: string, cause?: unknown): CofferError {
  return new CofferError('DOMAIN_BAD_ARCHIVE', message, cause === undefined ? undefined : { cause });
}

/** A member name fit for a message: printable, short. */
export function memberName(name: string): string {
  return name.replace(/[^\x20-\x7e\u00a0-\u024f]/g, '?').slice(0, 120);
}

/** True for bytes that start a ZIP archive (local file header, or the end record of an empty one). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06));
}

async function readMember(zip: yauzl.ZipFile, entry: yauzl.Entry, budget: { left: number }): Promise<Uint8Array> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Ensure the real size stays within the declared one and the budget (yauzl also checks the former).
    if (size > entry.uncompressedSize || size > budget.left) {
      stream.destroy();
      throw bad(`expected ${memberName(entry.fileName)} to unpack to at most its declared ${entry.uncompressedSize} bytes within the archive's limit, found more`);
    }
    chunks.push(chunk);
  }
  budget.left -= size;
  return Buffer.concat(chunks, size);
}

function checkEntry(entry: yauzl.Entry, limits: ZipLimits, declaredTotal: number): void {
  const name = memberName(entry.fileName);
  if (entry.isEncrypted()) throw bad(`expected unencrypted files in the ZIP, found ${name} encrypted`);
  if (!entry.canDecodeFileData()) throw bad(`expected stored or deflated files in the ZIP, found ${name} compressed with method ${entry.compressionMethod}`);
  if (/\.zip$/i.test(entry.fileName)) throw bad(`expected statements in the ZIP, found a nested ZIP ${name}: nested archives are refused`);
  if (entry.uncompressedSize > limits.maxMemberBytes) throw bad(`expected files of at most ${limits.maxMemberBytes} bytes in the ZIP, found ${name} with ${entry.uncompressedSize}`);
  if (declaredTotal > limits.maxTotalBytes) throw bad(`expected at most ${limits.maxTotalBytes} bytes unpacked in all, found more (at ${name})`);
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize > RATIO_FLOOR && ratio > limits.maxRatio) {
    throw bad(`expected a compression ratio of at most ${limits.maxRatio} in the ZIP, found ${Math.round(ratio)} for ${name}: refused as a possible ZIP bomb`);
  }
}

/**
 * The files of a ZIP archive held in memory (yauzl fromBuffer), one at a time, so only one unpacked
 * statement is in memory at once. Directories are passed over. Refuses with DOMAIN_BAD_ARCHIVE: more
 * than `maxMembers` files, a file or a total beyond the size limits, a compression ratio of a bomb,
 * encrypted or unknown compression, a nested ZIP (by name or by content), a corrupt archive.
 */
export async function* readZipMembers(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): AsyncGenerator<ZipMember> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), { strictFileNames: false, validateEntrySizes: true });
  } catch (error) {
    throw bad(`expected a readable ZIP archive, found one yauzl cannot open (${String((error as Error).message).slice(0, 80)})`, error);
  }
  try {
    if (zip.entryCount > limits.maxMembers) throw bad(`expected at most ${limits.maxMembers} files in the ZIP, found ${zip.entryCount}`);
    const budget = { left: limits.maxTotalBytes };
    let declaredTotal = 0;
    for (;;) {
      const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        zip.once('entry', resolve).once('end', () => resolve(null)).once('error', reject);
        zip.readEntry();
      }).catch((error: unknown) => {
        throw bad(`expected a readable ZIP archive, found a damaged one (${String((error as Error).message).slice(0, 80)})`, error);
      });
      zip.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error');
      if (entry === null) return;
      if (entry.fileName.endsWith('/')) continue;
      declaredTotal += entry.uncompressedSize;
      checkEntry(entry, limits, declaredTotal);
      const content = await readMember(zip, entry, budget).catch((error: unknown) => {
        if (error instanceof CofferError) throw error;
        throw bad(`expected ${memberName(entry.fileName)} to unpack, found it damaged (${String((error as Error).message).slice(0, 80)})`, error);
      });
      if (ZIP_SIGNATURE.every((byte, i) => content[i] === byte)) throw bad(`expected statements in the ZIP, found a nested ZIP ${memberName(entry.fileName)}: nested archives are refused`);
      yield { name: entry.fileName, bytes: content };
    }
  } finally {
    zip.close();
  }
}
