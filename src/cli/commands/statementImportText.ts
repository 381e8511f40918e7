import type { CommandOutput } from '../../api/index.js';
import { sanitise } from './bankingTable.js';

type ImportResult = CommandOutput<'statements.import'>;

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
type StatementResult = ImportResult['statements'][number];

const MATCHED: Record<StatementResult['account']['matchedBy'], string> = {
  iban: 'named by IBAN',
  'other-id': 'named by the bank\'s account number',
  'derived-iban': 'named by bank code and account number',
  input: 'the file names none: --account',
};

function bookings(s: StatementResult): string {
  const net = s.imported === 0 ? '' : ` (net ${s.importedNet.amount} ${s.importedNet.currency})`;
  const skipped = s.skipped.length === 0 ? '' : `; skipped ${s.skipped.map((g) => g.message).join(', ')}`;
  const other = s.otherCurrency === 0 ? '' : `; ${s.otherCurrency} in another currency, booked in it and not added to the balance`;
  return `imported ${s.imported}${net}${skipped}${other}`;
}

function reconciliation(s: StatementResult): string {
  const { status, checks, notChecked } = s.reconciliation;
  const passed = checks.filter((c) => c.ok).length;
  const head = status === 'differs' ? `DIFFERS (${checks.length - passed} of ${checks.length} checks failed)` : status === 'reconciled' ? `reconciled (${passed} checks passed)` : 'unchecked';
  return `reconciliation: ${head}${notChecked.length === 0 ? '' : `; not checked: ${notChecked.join('; ')}`}`;
}

function csvLines(s: StatementResult): string[] {
  if (s.csv === null) return [];
  const { dialectName, encoding, delimiter, decimal, headerLine, columns, formulaCells } = s.csv;
  const lines = [
    `CSV read as ${dialectName}: ${encoding}, "${delimiter === '\t' ? '\\t' : delimiter}"-separated, decimal "${decimal}", ${headerLine === null ? 'no header row' : `header on line ${headerLine}`}`,
    `  columns: ${columns.map((c) => `${c.index}${c.header === null ? '' : ` ${c.header}`} → ${c.field}`).join(', ')}`,
  ];
  if (formulaCells.length > 0) {
    const cells = formulaCells.map((c) => `line ${c.line} column ${c.column}${c.header === null ? '' : ` (${c.header})`}`);
    lines.push(`  ${formulaCells.length} cells look like spreadsheet formulas, kept as text (neutralised on export): ${cells.join(', ')}`);
  }
  return lines;
}

function statementBlock(s: StatementResult, index: number): string[] {
  const where = s.source.member === null ? '' : ` in ${s.source.member}`;
  return [
    `  ${index + 1}. ${s.format} ${s.kind}${s.statementId === null ? '' : ` ${s.statementId}`}${where} → ${s.account.iban} ${s.account.currency} (${MATCHED[s.account.matchedBy]})`,
    `     ${bookings(s)}`,
    `     ${reconciliation(s)}`,
    ...s.warnings.map((w) => `     warning ${w.code} at ${w.where}: ${w.message}`),
    ...csvLines(s).map((line) => `     ${line}`),
  ];
}

/** The loud part: every statement that does not reconcile, each failed check with what was stated and found. */
function differingBlock(result: ImportResult): string[] {
  const differing = result.statements.map((s, i) => ({ s, i })).filter(({ s }) => s.reconciliation.status === 'differs');
  if (differing.length === 0) return [];
  const lines = [
    '',
    `!! WARNING: ${differing.length === 1 ? '1 statement does' : `${differing.length} statements do`} not reconcile with itself (of ${result.statements.length} in the file); accepted because --accept-unreconciled was given`,
  ];
  for (const { s, i } of differing) {
    lines.push(`!!   statement ${i + 1}${s.statementId === null ? '' : ` (${s.statementId})`}:`);
    for (const c of s.reconciliation.checks.filter((check) => !check.ok)) {
      lines.push(`!!     ${c.check}: the file states ${c.expectedText}, its entries give ${c.foundText} — ${c.message}`);
    }
  }
  lines.push('!! Check these statements with the bank.');
  return lines;
}

/** `coffer statements import` for people: what was booked where, what was skipped and why, and every difference. */
export function statementImportText(result: ImportResult): string {
  const lines = [
    `Imported ${count(result.imported, 'booking', 'bookings')} from ${result.file} (${count(result.statements.length, 'statement', 'statements')}${result.skipped === 0 ? '' : `; ${count(result.skipped, 'entry', 'entries')} skipped`})`,
    ...result.statements.flatMap(statementBlock),
    ...result.accounts.map((a) => `  balance of ${a.iban}: ${a.balance.amount} ${a.balance.currency} (${count(a.imported, 'new booking', 'new bookings')})`),
    ...differingBlock(result),
  ];
  return lines.map(sanitise).join('\n');
}
