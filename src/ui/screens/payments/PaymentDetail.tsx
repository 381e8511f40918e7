import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton';
import { Card } from '../../components/Page';
import { RefusalNotice } from '../../components/RefusalNotice';
import { StatusBadge } from '../../components/StatusBadge';
import { useI18n } from '../../i18n/i18n';
import { callCoffer, refusalOf } from '../../ipc/callCoffer';
import { useCommand } from '../../ipc/useCommand';
import type { Refusal } from '../../ipc/wire';
import { useCan, useSession } from '../../session/SessionContext';
import { formatIban } from '../balanceTrend';
import { ApprovalDialog } from './ApprovalDialog';
import { PayeeCheckNotice } from './PayeeCheckNotice';
import { PaymentForm, type PaymentDraft } from './PaymentForm';

const CANCELLABLE = new Set(['draft', 'pending_approval', 'approved', 'queued']);
const EDITABLE = new Set(['draft', 'pending_approval', 'approved']);

/** One payment: what it pays, its digest (what approvers sign), its approvals and its audit trail. */
export function PaymentDetail({ id, onClose }: { id: string; onClose(): void }) {
  const { t, money, date, dateTime } = useI18n();
  const can = useCan();
  const session = useSession();
  const queries = useQueryClient();
  const shown = useCommand('payments.show', { id });
  const trail = useCommand('audit.log', { target: id, limit: 50 });
  const [editing, setEditing] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [approving, setApproving] = useState(false);

  const refresh = async () => {
    await queries.invalidateQueries();
  };
  async function run(command: 'payments.submit' | 'payments.cancel', message: 'pay.submitted' | 'pay.cancelled') {
    setRefusal(undefined);
    setDone(undefined);
    const result = await callCoffer(command, { id });
    if (!result.ok) return setRefusal(result.error);
    setDone(t(message));
    await refresh();
  }

  if (shown.isError) return <RefusalNotice refusal={refusalOf(shown.error)} />;
  if (!shown.data) return <p className="text-sm text-slate-600">{t('overview.loading')}</p>;
  const { payment, digest, approvals, approval, payeeCheck, bank } = shown.data;
  const draft: PaymentDraft = {
    from: payment.debtorIban,
    toName: payment.creditor.name,
    toIban: payment.creditor.iban,
    toBic: payment.creditor.bic ?? '',
    amount: payment.amount,
    currency: payment.currency,
    reference: payment.remittanceInfo,
    date: payment.executionDate,
  };

  return (
    <Card title={t('pay.detail')} labelledBy="payment-detail" actions={<ActionButton tone="quiet" onPress={onClose}>{t('pay.close')}</ActionButton>}>
      <div data-detail={payment.id} className="space-y-6 p-6">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <p className="text-lg font-semibold text-slate-900">{payment.creditor.name}</p>
            <p className="font-mono text-sm text-slate-600">{formatIban(payment.creditor.iban)}{payment.creditor.bic ? ` · ${payment.creditor.bic}` : ''}</p>
          </div>
          <div className="text-right">
            <p className="text-2xl font-semibold tabular-nums text-slate-900">{money(payment.amountMinor, payment.currency)}</p>
            <StatusBadge status={payment.status} />
          </div>
        </div>
        <PayeeCheckNotice check={payeeCheck} />
        {bank.state === 'tampered' && <p role="alert" data-bank-status="tampered" className="rounded-md bg-rose-50 p-3 text-sm text-rose-900 ring-1 ring-rose-200">{t('pay.bank.tampered', { problem: bank.problem })}</p>}
        {bank.state === 'reported' && (
          <p data-bank-status={bank.status} className="text-sm text-slate-700">
            {bank.status === 'rejected' ? t('pay.bank.rejected', { when: dateTime(bank.reportedAt), reason: bank.reason ?? '', name: bank.reasonName ?? '' }) : t(`pay.bank.${bank.status}`, { when: dateTime(bank.reportedAt) })}
          </p>
        )}
        <dl className="grid grid-cols-1 gap-x-8 gap-y-3 text-sm md:grid-cols-2">
          <div><dt className="text-slate-600">{t('pay.from')}</dt><dd className="font-mono">{formatIban(payment.debtorIban)}</dd></div>
          <div><dt className="text-slate-600">{t('pay.date')}</dt><dd>{date(payment.executionDate)}</dd></div>
          <div><dt className="text-slate-600">{t('pay.reference')}</dt><dd>{payment.remittanceInfo || '—'}</dd></div>
          <div><dt className="text-slate-600">{t('pay.createdBy')}</dt><dd>{payment.createdBy} · {dateTime(payment.createdAt)}</dd></div>
          <div className="md:col-span-2"><dt className="text-slate-600">{t('pay.digest')}</dt><dd data-digest className="break-all font-mono text-xs">{digest}</dd></div>
        </dl>

        <div>
          <h3 className="text-sm font-semibold text-slate-900">{t('pay.approvals')}</h3>
          {approval && <p className="mt-1 text-sm text-slate-700">{approval.executable ? t('pay.executable') : t('pay.missing', { missing: approval.missing.join(' / ') || '—' })}</p>}
          {approvals.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">{t('pay.noApprovals')}</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm">
              {approvals.map((a) => (
                <li key={a.id} className={a.counts ? 'text-slate-900' : 'text-slate-500 line-through'}>
                  {a.userId} · {a.signatureClass ?? '—'} · {dateTime(a.createdAt)}{a.voidedAt ? ` · ${t('pay.voided')}` : ''}{a.problem ? ` · ${a.problem}` : ''}
                </li>
              ))}
            </ul>
          )}
        </div>

        <div className="flex flex-wrap gap-2">
          {payment.status === 'draft' && can('payments.submit') && <ActionButton tone="primary" onPress={() => void run('payments.submit', 'pay.submitted')}>{t('pay.submit')}</ActionButton>}
          {payment.status === 'pending_approval' && can('payments.approve') && payment.createdBy !== session.userId && (
            <ActionButton tone="primary" onPress={() => { setDone(undefined); setRefusal(undefined); setApproving(true); }}>{t('pay.approve')}</ActionButton>
          )}
          {EDITABLE.has(payment.status) && can('payments.edit') && !editing && <ActionButton onPress={() => setEditing(true)}>{t('pay.edit')}</ActionButton>}
          {CANCELLABLE.has(payment.status) && can('payments.cancel') && <ActionButton tone="danger" onPress={() => void run('payments.cancel', 'pay.cancelled')}>{t('pay.cancel')}</ActionButton>}
        </div>
        {approving && <ApprovalDialog shown={shown.data} onClose={() => setApproving(false)} onApproved={() => { setDone(t('pay.approved')); void refresh(); }} />}
        {done && <p role="status" className="rounded-xl border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">{done}</p>}
        {refusal && <RefusalNotice refusal={refusal} />}
        {editing && (
          <div className="rounded-xl border border-slate-200">
            <p className="px-6 pt-4 text-sm text-amber-900">{t('pay.editVoids')}</p>
            <PaymentForm initial={draft} editing={payment.id} onCancel={() => setEditing(false)} onDone={() => { setEditing(false); setDone(t('pay.saved')); void refresh(); }} />
          </div>
        )}

        <div>
          <h3 className="text-sm font-semibold text-slate-900">{t('pay.trail')}</h3>
          {trail.isError && <RefusalNotice refusal={refusalOf(trail.error)} className="mt-2" />}
          <ol data-list="trail" className="mt-2 space-y-1 text-sm">
            {trail.data?.entries.map((entry) => (
              <li key={entry.seq} className="flex gap-3">
                <span className="w-44 shrink-0 tabular-nums text-slate-600">{dateTime(entry.time)}</span>
                <span className="font-mono text-xs leading-5">{entry.action}</span>
                <span className="text-slate-700">{entry.actor.userId}</span>
                <span className={entry.outcome === 'allowed' ? 'text-emerald-800' : 'text-rose-800'}>{t(`audit.outcome.${entry.outcome}`)}{entry.reason ? ` · ${entry.reason}` : ''}</span>
              </li>
            ))}
          </ol>
        </div>
      </div>
    </Card>
  );
}
