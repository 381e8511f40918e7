import { Buffer, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import type { ImportWarning } from './importWarning.js';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'iso-8859-15';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

// Encodings an XML declaration may name that bank files use; anything else is read by sniffing.
const DECLARED: Record<string, TextEncodingName> = {
  'iso-8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'iso-8859-15': 'iso-8859-15',
  'latin-9': 'iso-8859-15',
};

function declaredEncoding(bytes: Uint8Array): TextEncodingName | undefined {
  // <?xml version="1.0" encoding="ISO-8859-1"?> is ASCII: look at the first bytes only.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 200)).toString('latin1');
  const name = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]{1,20})["']/.exec(head)?.[1]?.toLowerCase();
  return name === undefined ? undefined : DECLARED[name];
}

/**
 * Bytes of a statement file as text. A byte order mark decides (UTF-8, UTF-16); then an XML
 * declaration naming ISO-8859-1/-15 or Windows-1252; then the bytes: valid UTF-8 is UTF-8, anything
 * else is read as Windows-1252 (what German bank CSV and MT940 exports use) with an ENCODING_FALLBACK
 * warning. The BOM is not part of the text. Never refuses: every byte means some character.
 */
export function decodeStatementText(bytes: Uint8Array, warnings: ImportWarning[], where = 'file'): DecodedText {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf && isUtf8(buffer.subarray(3))) {
    return { text: buffer.toString('utf8', 3), encoding: 'utf-8' };
  }
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buffer.subarray(2)), encoding: 'utf-16le' };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buffer.subarray(2)), encoding: 'utf-16be' };
  const declared = declaredEncoding(buffer);
  if (declared) return { text: iconv.decode(buffer, declared === 'windows-1252' ? 'win1252' : 'iso-8859-15'), encoding: declared };
  if (isUtf8(buffer)) return { text: buffer.toString('utf8'), encoding: 'utf-8' };
  const start = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  warnings.push({ code: 'ENCODING_FALLBACK', where, message: 'the file is not valid UTF-8; it was read as Windows-1252 (ISO-8859-1), as German bank exports are' });
  return { text: iconv.decode(buffer.subarray(start), 'win1252'), encoding: 'windows-1252' };
}
