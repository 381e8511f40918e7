import { useState } from 'react';
import type { CommandOutput } from '../../../api/index.js';
import { ActionButton } from '../../components/ActionButton';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useI18n } from '../../i18n/i18n';
import { callCoffer, refusalOf } from '../../ipc/callCoffer';
import { useCommand } from '../../ipc/useCommand';
import type { Refusal } from '../../ipc/wire';
import { signDigest } from '../../keys/signDigest';
import { useStepUp } from '../../keys/StepUp';
import { formatIban } from '../balanceTrend';
import { PayeeCheckBadge } from './PayeeCheckNotice';

export type BatchApproved = CommandOutput<'payments.approve-batch'>;

/**
 * A batch approval (docs/signing.md): every payment with its payee, IBAN and amount, and the total per
 * currency, shown before the key is asked; one assertion whose challenge is the batch digest of this very
 * answer, then `payments.approve-batch`. Each payment is then decided by its own approval rule.
 */
export function BatchApproval({ ids, onClose, onApproved }: { ids: readonly string[]; onClose(): void; onApproved(result: BatchApproved): void }) {
  const { t, money, date, plural } = useI18n();
  const stepUp = useStepUp();
  const shown = useCommand('payments.approve-batch-options', { ids: [...ids] });
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | undefined>();
  const [result, setResult] = useState<BatchApproved | undefined>();

  if (shown.isError) {
    return (
      <div className="space-y-4">
        <RefusalNotice refusal={refusalOf(shown.error)} />
        <div className="flex justify-end"><ActionButton tone="quiet" onPress={onClose}>{t('pay.close')}</ActionButton></div>
      </div>
    );
  }
  if (!shown.data) return <p className="text-sm text-slate-600">{t('overview.loading')}</p>;
  const { payments, totals, digest } = shown.data;
  const totalText = totals.map((total) => `${money(total.amountMinor, total.currency)} ${total.currency}`).join(' + ');

  async function sign() {
    setBusy(true);
    setRefusal(undefined);
    try {
      const assertion = await signDigest(stepUp, digest, t('batch.confirm', { count: String(payments.length), total: totalText }));
      if (!assertion.ok) return setRefusal(assertion.error);
      const approved = await callCoffer('payments.approve-batch', { ids: payments.map((payment) => payment.id) }, undefined, assertion.value.proof);
      if (!approved.ok) return setRefusal(approved.error);
      setResult(approved.value);
      onApproved(approved.value);
    } finally {
      setBusy(false);
    }
  }

  const outcomeOf = (id: string) => result?.payments.find((payment) => payment.id === id);
  return (
    <div data-batch={digest} data-ready="true" className="space-y-5">
      <p className="text-sm text-slate-700">{t('batch.check', { count: String(payments.length) })}</p>
      <dl className="space-y-1 text-sm" data-totals>
        {totals.map((total) => (
          <div key={total.currency} data-total={total.currency} className="flex items-baseline justify-between gap-4">
            <dt className="text-slate-600">{t('batch.total', { currency: total.currency })} ({plural(total.count, 'batch.countOne', 'batch.countMany')})</dt>
            <dd className="text-xl font-semibold tabular-nums text-slate-900">{money(total.amountMinor, total.currency)} <span className="text-sm font-medium text-slate-700">{total.currency}</span></dd>
          </div>
        ))}
      </dl>
      <table className="w-full text-sm" aria-label={t('batch.payments')}>
        <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-3">{t('approve.payee')}</th>
            <th scope="col" className="py-2 pr-3">{t('approve.date')}</th>
            <th scope="col" className="py-2 text-right">{t('approve.amount')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {payments.map((payment) => {
            const outcome = outcomeOf(payment.id);
            return (
              <tr key={payment.id} data-batch-payment={payment.id} data-outcome={outcome === undefined ? undefined : outcome.executable ? 'approved' : 'partial'}>
                <td className="py-2 pr-3">
                  <p data-field="payee" className="font-medium text-slate-900">{payment.creditorName}</p>
                  <p data-field="iban" className="font-mono text-xs text-slate-600">{formatIban(payment.creditorIban)}</p>
                  <div className="mt-1"><PayeeCheckBadge check={payment.payeeCheck} /></div>
                  {outcome && <p className="text-xs text-emerald-800">{outcome.executable ? t('batch.outcomeApproved') : t('batch.outcomePartial', { missing: outcome.missing.join(' / ') || '—' })}</p>}
                </td>
                <td className="py-2 pr-3">{date(payment.executionDate)}</td>
                <td data-field="amount" className="py-2 text-right font-semibold tabular-nums">{money(payment.amountMinor, payment.currency)} {payment.currency}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div>
        <p className="text-xs text-slate-600">{t('batch.digest')}</p>
        <p data-field="digest" className="break-all font-mono text-xs">{digest}</p>
      </div>
      {result && (
        <p role="status" data-approval-result="batch" className="rounded-xl border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          {t('batch.signed', { count: String(result.payments.length), approved: String(result.payments.filter((payment) => payment.executable).length) })}
        </p>
      )}
      {refusal && <RefusalNotice refusal={refusal} />}
      <div className="flex justify-end gap-2">
        <ActionButton tone="quiet" isDisabled={busy} onPress={onClose}>{result ? t('pay.close') : t('approve.cancel')}</ActionButton>
        {!result && <ActionButton tone="primary" isDisabled={busy} onPress={() => void sign()}>{busy ? t('approve.signing') : t('batch.sign', { count: String(payments.length) })}</ActionButton>}
      </div>
    </div>
  );
}
