import { z } from 'zod';
import { commandSpec } from './commandSpec.js';
import { FileInput, IbanInput } from './fields.js';

export const statementsImport = commandSpec({
  name: 'statements.import',
  permission: 'statements:import',
  summary: 'book a camt.053 or CSV statement, de-duplicated by entry reference; all or nothing',
  input: z.strictObject({
    file: FileInput,
    /** The account a CSV statement belongs to (camt.053 names its own). */
    account: IbanInput.optional(),
    format: z.enum(['camt.053', 'csv']).optional(),
  }),
  output: z.strictObject({
    format: z.string(),
    imported: z.number().int(),
    duplicates: z.number().int(),
    formulaCells: z.number().int(),
    accounts: z.array(z.strictObject({ iban: z.string(), imported: z.number().int(), duplicates: z.number().int() })),
  }),
  stepUp: 'never',
  changes: true,
  long: true,
});
