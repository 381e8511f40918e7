import { useState } from 'react';
import type { CommandOutput } from '../../../api/index.js';
import { ActionButton } from '../../components/ActionButton';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useI18n } from '../../i18n/i18n';
import { callCoffer, probeStepUp } from '../../ipc/callCoffer';
import type { Refusal } from '../../ipc/wire';
import { signDigest } from '../../keys/signDigest';
import { useStepUp } from '../../keys/StepUp';
import { formatIban } from '../balanceTrend';
import { PayeeCheckNotice } from './PayeeCheckNotice';

type Shown = CommandOutput<'payments.show'>;
export type Approved = CommandOutput<'payments.approve'>;

/**
 * What the approver signs, shown before the key is asked (PSD2 dynamic linking: amount and payee are in the
 * digest): amount and currency, payee name and IBAN, execution date, debited account, reference, digest,
 * and the bank's payee check.
 * Signing runs the assertion whose challenge is the payment digest of this very answer, then
 * `payments.approve` with it. The dialog of the Approvals screen and the approval window of
 * `coffer payments approve` both show this.
 */
export function PaymentApproval({ shown, onClose, onApproved }: { shown: Shown; onClose(): void; onApproved(result: Approved): void }) {
  const { t, money, date } = useI18n();
  const stepUp = useStepUp();
  const { payment, digest } = shown;
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | undefined>();
  const [result, setResult] = useState<Approved | undefined>();
  const amount = money(payment.amountMinor, payment.currency);

  async function sign() {
    setBusy(true);
    setRefusal(undefined);
    try {
      // Refused before the touch where it would be refused after it (four eyes, a payment changed meanwhile).
      const probe = await probeStepUp('payments.approve', { id: payment.id });
      if (!probe.ok) return setRefusal(probe.error);
      const assertion = await signDigest(stepUp, digest, t('keys.confirmApproval', { amount, payee: payment.creditor.name }));
      if (!assertion.ok) return setRefusal(assertion.error);
      const approved = await callCoffer('payments.approve', { id: payment.id }, undefined, assertion.value.proof);
      if (!approved.ok) return setRefusal(approved.error);
      setResult(approved.value);
      onApproved(approved.value);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-5">
      <p className="text-sm text-slate-700">{t('approve.check')}</p>
      <PayeeCheckNotice check={shown.payeeCheck} />
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        <div className="sm:col-span-2">
          <dt className="text-slate-600">{t('approve.amount')}</dt>
          <dd data-field="amount" className="text-2xl font-semibold tabular-nums text-slate-900">{amount} <span className="text-base font-medium text-slate-700">{payment.currency}</span></dd>
        </div>
        <div><dt className="text-slate-600">{t('approve.payee')}</dt><dd data-field="payee" className="font-medium text-slate-900">{payment.creditor.name}</dd></div>
        <div><dt className="text-slate-600">{t('approve.iban')}</dt><dd data-field="iban" className="font-mono">{formatIban(payment.creditor.iban)}{payment.creditor.bic ? ` · ${payment.creditor.bic}` : ''}</dd></div>
        <div><dt className="text-slate-600">{t('approve.date')}</dt><dd data-field="date">{date(payment.executionDate)}</dd></div>
        <div><dt className="text-slate-600">{t('approve.from')}</dt><dd data-field="from" className="font-mono">{formatIban(payment.debtorIban)}</dd></div>
        <div className="sm:col-span-2"><dt className="text-slate-600">{t('approve.reference')}</dt><dd data-field="reference">{payment.remittanceInfo || '—'}</dd></div>
        <div className="sm:col-span-2"><dt className="text-slate-600">{t('approve.digest')}</dt><dd data-field="digest" className="break-all font-mono text-xs">{digest}</dd></div>
      </dl>
      {result && (
        <p role="status" data-approval-result={result.executable ? 'approved' : 'partial'} className="rounded-xl border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          {result.executable ? t('approve.approved') : t('approve.partial', { class: result.signatureClass ?? '—', missing: result.missing.join(' / ') || '—' })}
        </p>
      )}
      {refusal && <RefusalNotice refusal={refusal} />}
      <div className="flex justify-end gap-2">
        <ActionButton tone="quiet" isDisabled={busy} onPress={onClose}>{result ? t('pay.close') : t('approve.cancel')}</ActionButton>
        {!result && <ActionButton tone="primary" isDisabled={busy} onPress={() => void sign()}>{busy ? t('approve.signing') : t('approve.sign')}</ActionButton>}
      </div>
    </div>
  );
}
