import { XMLParser } from 'fast-xml-parser';
import { expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { startTestGateway } from '../../../test/support/gatewayClient.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { approve, enrolledOrg, EUR_ACCOUNT, order, submitPayment, USD_ACCOUNT } from '../../../test/support/paymentGateway.js';
import { describeWithVectors, readVector } from '../../../test/support/vectors.js';
import { verifyGatewayAudit } from '../bank/verifyGatewayAudit.js';
import type { GatewayStore } from '../store/openStore.js';
import { exportPayments, type EmittedFile } from './exportPayments.js';

// EPC132-08 2023 SCT C2PSP variant of pain.001.001.09 (../shared/vectors/README.md).
async function schemaErrors(xml: string): Promise<string[]> {
  const xsd = readVector('iso20022/pain.001.001.09.xsd');
  const result = await validateXML({ xml: { fileName: 'out.xml', contents: xml }, schema: { fileName: 'pain.001.001.09.xsd', contents: xsd } });
  return result.errors.map((error) => error.message);
}

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => ['PmtInf', 'CdtTrfTxInf'].includes(name) });
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads back a document of known shape
const readBack = (xml: string): any => parser.parse(xml).Document.CstmrCdtTrfInitn;

function fileIn(currency: string, files: EmittedFile[]): EmittedFile {
  const file = files.find((candidate) => candidate.currency === currency);
  if (!file) throw new Error(`expected a ${currency} file`);
  return file;
}

/** Two EUR payments and one USD payment accepted by the gateway. */
async function acceptedPayments(store: GatewayStore): Promise<string[]> {
  const gateway = await startTestGateway(store);
  const users = await enrolledOrg(store, gateway.url);
  const payments = [
    order({ remittanceInfo: 'Rechnung 42 für März' }),
    order({ amountMinor: 1, creditor: { name: "O'Neil & Partners", iban: 'NL91ABNA0417164300', bic: 'ABNANL2A' } }),
    order({ debtorIban: USD_ACCOUNT, currency: 'USD', creditor: { name: 'Acme Inc', iban: 'GB29NWBK60161331926819', bic: 'NWBKGB2L' } }),
  ];
  for (const payment of payments) {
    const approvals = payment.currency === 'EUR' ? [approve(users.bob.hardwareKey, payment)] : [approve(users.bob.hardwareKey, payment), approve(users.carol.hardwareKey, payment)];
    const answer = await submitPayment(gateway.url, users.alice, { payment, approvals });
    if (answer.status !== 201) throw new Error(`expected acceptance, got ${JSON.stringify(answer.body)}`);
  }
  return payments.map((payment) => payment.id);
}

describeOnEachStore('bank staff export the accepted payments as pain.001', (stores) => {
  it('one file per debtor account and currency, each payment once, marked emitted with an audit entry; a second export finds nothing', async () => {
    const store = await stores.fresh();
    const ids = await acceptedPayments(store);
    const files = await exportPayments(store, 'sam', 'nordlicht');
    expect(files.map((file) => [file.debtorIban, file.currency, file.paymentIds.length]).sort()).toEqual([
      [USD_ACCOUNT, 'USD', 1],
      [EUR_ACCOUNT, 'EUR', 2],
    ]);
    expect(files.flatMap((file) => file.paymentIds).sort()).toEqual([...ids].sort());
    const eur = readBack(fileIn('EUR', files).xml);
    expect([eur.GrpHdr.NbOfTxs, eur.GrpHdr.CtrlSum, eur.GrpHdr.InitgPty.Nm, eur.PmtInf[0].DbtrAcct.Id.IBAN]).toEqual(['2', '2300.01', 'Nordlicht Handels GmbH', EUR_ACCOUNT]);
    expect(eur.PmtInf[0].CdtTrfTxInf.map((tx: { PmtId: { EndToEndId: string } }) => tx.PmtId.EndToEndId).sort()).toEqual(ids.slice(0, 2).sort());
    const emitted = await store.db.selectFrom('payments').select(['payment_id', 'emission_id']).execute();
    expect(emitted.every((row) => files.some((file) => file.messageId === row.emission_id && file.paymentIds.includes(row.payment_id)))).toBe(true);
    expect(await store.db.selectFrom('payment_emissions').select('message_id').execute()).toHaveLength(2);
    expect(await store.db.selectFrom('gateway_audit').select('action').where('action', '=', 'payments.export').execute()).toHaveLength(1);
    await verifyGatewayAudit(store.db);
    expect(await exportPayments(store, 'sam', 'nordlicht')).toEqual([]);
  });

  it('two exports racing through two processes emit each payment in one file only', async () => {
    const store = await stores.fresh();
    const ids = await acceptedPayments(store);
    const second = await stores.secondProcess(store);
    const [a, b] = await Promise.all([exportPayments(store, 'sam', 'nordlicht'), exportPayments(second, 'sam', 'nordlicht')]);
    expect([...a, ...b].flatMap((file) => file.paymentIds).sort()).toEqual([...ids].sort());
  });

  it('an unknown organisation is refused with SERVER_NOT_FOUND', async () => {
    const store = await stores.fresh();
    await expect(exportPayments(store, 'sam', 'nobody')).toThrowCode('SERVER_NOT_FOUND');
  });

  describeWithVectors('against the EPC schema', () => {
    it('the EUR file is valid against the EPC pain.001.001.09 XSD', async () => {
      const store = await stores.fresh();
      await acceptedPayments(store);
      const files = await exportPayments(store, 'sam', 'nordlicht');
      expect(await schemaErrors(fileIn('EUR', files).xml)).toEqual([]);
    });
  });
});
