import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, GBP_ACCOUNT, makeDemoVault, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { textFile } from '../../../test/support/fileInput.js';
import { imported } from '../../../test/support/statementImport.js';
import { dispatchUnknown } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';

let alice: DemoVault;
beforeAll(async () => {
  alice = await makeDemoVault('alice');
  const csv =
    'entry_ref,booking_date,value_date,amount,currency,counterparty_name,counterparty_iban,remittance_info\n' +
    'QX-1,2020-01-10,,250.00,GBP,Quokka Exports Ltd,,"Quokka order 1, urgent"\n' +
    'QX-2,2020-01-20,,-75.25,GBP,Quokka Exports Ltd,,"=HYPERLINK(""https://evil.example"",""Quokka"")"\n';
  expect(await imported(alice.vault, { file: textFile('quokka.csv', csv), account: GBP_ACCOUNT })).toMatchObject({ imported: 2 });
});
afterAll(() => alice?.close());

const run = async (input: unknown) => dispatchUnknown(await openSession(alice.vault), 'transactions.export', input);

describe('when the filtered bookings are exported as CSV', () => {
  it('writes a header and one line per booking, newest first, quoted where RFC 4180 needs it', async () => {
    const result = await run({ account: GBP_ACCOUNT, text: 'quokka' });
    expect(result).toMatchObject({ ok: true, value: { count: 2, file: { mediaType: 'text/csv', name: expect.stringMatching(/^coffer-transactions-\d{4}-\d{2}-\d{2}\.csv$/) } } });
    if (!result.ok) return;
    const text = new TextDecoder().decode((result.value as { file: { bytes: Uint8Array } }).file.bytes);
    const lines = text.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe('booking_date,value_date,account,amount,currency,counterparty_name,counterparty_iban,remittance_info,additional_info,posting_text,entry_ref,end_to_end_id,statement_id');
    expect(lines[2]).toContain(',250.00,GBP,Quokka Exports Ltd,,"Quokka order 1, urgent",');
  });

  it('neutralises a remittance line that a spreadsheet would run as a formula', async () => {
    const result = await run({ account: GBP_ACCOUNT, text: 'hyperlink' });
    if (!result.ok) throw new Error(result.error.message);
    const text = new TextDecoder().decode((result.value as { file: { bytes: Uint8Array } }).file.bytes);
    expect(text).toContain(`,"'=HYPERLINK(""https://evil.example"",""Quokka"")",`);
    expect(text).not.toMatch(/,=HYPERLINK/);
  });

  it('leaves an audit entry naming the account, and none of the exported text', async () => {
    await run({ account: GBP_ACCOUNT, text: 'quokka' });
    const last = auditEntries(alice.vault).at(-1);
    expect(last).toMatchObject({ action: 'transactions.export', outcome: 'allowed', target: GBP_ACCOUNT });
    expect(JSON.stringify(last)).not.toContain('Quokka');
  });
});
