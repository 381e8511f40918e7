import { z } from 'zod';
import { commandSpec } from './commandSpec.js';
import { FileInput, IbanInput } from './fields.js';
import { StatementsImportOut } from './statementImportResult.js';

export const statementsImport = commandSpec({
  name: 'statements.import',
  permission: 'statements:import',
  summary:
    'book the statements of a camt.052/053/054, MT940/MT942, bank CSV or ZIP file, de-duplicated by entry identity, each reconciled with itself; all or nothing',
  input: z.strictObject({
    file: FileInput,
    /** The account the statements belong to when the file names none (a CSV without the own IBAN); else it must be the one named. */
    account: IbanInput.optional(),
    /** Instead of detecting the format from the content. */
    format: z.enum(['camt', 'mt940', 'csv', 'zip']).optional(),
    /** A CSV column mapping for an export Coffer does not know: "date=1,amount=4,text=6,name=3,currency=EUR" (docs/domain.md). */
    columns: z.string().min(1).max(1000).optional(),
    /** Book statements that do not reconcile with themselves; without it such a file is refused (APP_UNRECONCILED). */
    acceptUnreconciled: z.boolean().optional(),
  }),
  output: StatementsImportOut,
  stepUp: 'never',
  changes: true,
  long: true,
});
