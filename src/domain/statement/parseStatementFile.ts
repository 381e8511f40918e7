import { parseCamt } from '../camt/parseCamt.js';
import type { CsvColumnsOption } from '../csv/parseColumnMapping.js';
import { parseBankCsv } from '../csv/parseBankCsv.js';
import { parseMt940 } from '../mt940/parseMt940.js';
import { decodeStatementText } from './decodeStatementText.js';
import { detectStatementFormat, type StatementFileFormat } from './detectStatementFormat.js';
import { finishStatement, type StatementDraft } from './finishStatement.js';
import type { ImportWarning } from './importWarning.js';
import type { ParsedStatement } from './parsedStatement.js';
import { ZIP_LIMITS, looksLikeZip, memberName, readZipMembers, type ZipLimits } from './readZipMembers.js';
import { CofferError } from '../../contract/index.js';

/** Largest statement file (or ZIP) read, in bytes: 100,000 camt entries with details are about 120 MB. */
export const MAX_STATEMENT_FILE_BYTES = 256 * 1024 * 1024;

export interface ParseStatementFileOptions {
  /** The file's name, for messages and to tell CSV members of a ZIP (".csv") from other files. */
  fileName?: string;
  /** Forces the format instead of detecting it from the content. */
  format?: StatementFileFormat | 'zip';
  /** A CSV column mapping ("date=1,amount=4,text=6,name=3", see parseColumnMapping) for exports Coffer does not recognise. */
  columns?: string | CsvColumnsOption;
  /** Tighter ZIP limits (tests, or a cautious caller); never looser than ZIP_LIMITS. */
  zipLimits?: Partial<ZipLimits>;
}

export interface StatementFileResult {
  container: 'file' | 'zip';
  /** Every statement of the file, or of every file in the ZIP, in order. */
  statements: ParsedStatement[];
}

function readText(bytes: Uint8Array, format: StatementFileFormat | undefined, options: ParseStatementFileOptions, member: string | null): ParsedStatement[] {
  const warnings: ImportWarning[] = [];
  const { text, encoding } = decodeStatementText(bytes, warnings, member ?? options.fileName ?? 'file');
  const chosen = format ?? detectStatementFormat(text);
  if (member !== null && chosen === 'csv' && !/\.(csv|txt)$/i.test(member)) {
    throw new CofferError('DOMAIN_BAD_ARCHIVE', `expected camt XML, MT940 or CSV statements in the ZIP, found ${memberName(member)}, which is none of them`);
  }
  let drafts: StatementDraft[];
  if (chosen === 'camt') drafts = parseCamt(text);
  else if (chosen === 'mt940') drafts = parseMt940(text);
  else drafts = parseBankCsv(text, { encoding, ...(options.columns === undefined ? {} : { columns: options.columns }) });
  return drafts.map((draft, index) => {
    draft.warnings.unshift(...warnings);
    return finishStatement(draft, { member, index });
  });
}

function withMember<T>(member: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof CofferError) || error.code === 'DOMAIN_BAD_ARCHIVE') throw error;
    throw new CofferError(error.code, `${memberName(member)}: ${error.message}`, { cause: error });
  }
}

/**
 * Reads a statement file from its bytes: camt.052/053/054 (V02–V13, plain or in a head.001
 * envelope), MT940/MT942, a bank's CSV export, or a ZIP holding several of them (EBICS C52/C53/C54),
 * detected from the content unless `format` says. Every statement comes back with its entries
 * (identities set), warnings and reconciliation. Refuses the whole file, naming the ZIP member,
 * element or line and what was expected: DOMAIN_BAD_STATEMENT, DOMAIN_UNSAFE_XML, DOMAIN_BAD_CSV,
 * DOMAIN_BAD_ARCHIVE.
 */
export async function parseStatementFile(bytes: Uint8Array, options: ParseStatementFileOptions = {}): Promise<StatementFileResult> {
  if (!(bytes instanceof Uint8Array)) throw new CofferError('DOMAIN_BAD_STATEMENT', `expected the file's bytes, found a ${typeof bytes}`);
  if (bytes.length > MAX_STATEMENT_FILE_BYTES) {
    throw new CofferError('DOMAIN_BAD_STATEMENT', `expected a statement file of at most ${MAX_STATEMENT_FILE_BYTES} bytes, found ${bytes.length}`);
  }
  if (bytes.length === 0) throw new CofferError('DOMAIN_BAD_STATEMENT', 'expected a statement file, found an empty one');
  const zip = options.format === 'zip' || (options.format === undefined && looksLikeZip(bytes));
  if (!zip) return { container: 'file', statements: readText(bytes, options.format === 'zip' ? undefined : options.format, options, null) };
  const limits: ZipLimits = {
    maxMembers: Math.min(ZIP_LIMITS.maxMembers, options.zipLimits?.maxMembers ?? Infinity),
    maxMemberBytes: Math.min(ZIP_LIMITS.maxMemberBytes, options.zipLimits?.maxMemberBytes ?? Infinity),
    maxTotalBytes: Math.min(ZIP_LIMITS.maxTotalBytes, options.zipLimits?.maxTotalBytes ?? Infinity),
    maxRatio: Math.min(ZIP_LIMITS.maxRatio, options.zipLimits?.maxRatio ?? Infinity),
  };
  const statements: ParsedStatement[] = [];
  for await (const member of readZipMembers(bytes, limits)) {
    statements.push(...withMember(member.name, () => readText(member.bytes, undefined, options, member.name)));
  }
  if (statements.length === 0) throw new CofferError('DOMAIN_BAD_ARCHIVE', 'expected at least one statement in the ZIP, found none');
  return { container: 'zip', statements };
}
