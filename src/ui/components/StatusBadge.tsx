import { useI18n } from '../i18n/i18n';
import type { PaymentStatus } from '../ipc/wire';

const TONE: Record<PaymentStatus, string> = {
  draft: 'bg-slate-100 text-slate-700 ring-slate-200',
  pending_approval: 'bg-amber-50 text-amber-800 ring-amber-200',
  approved: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  queued: 'bg-sky-50 text-sky-800 ring-sky-200',
  submitted: 'bg-indigo-50 text-indigo-800 ring-indigo-200',
  accepted: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  executed: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
  rejected: 'bg-rose-50 text-rose-800 ring-rose-200',
  cancelled: 'bg-slate-50 text-slate-500 ring-slate-200',
};

export function StatusBadge({ status }: { status: PaymentStatus }) {
  const { t } = useI18n();
  return <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONE[status]}`}>{t(`status.${status}`)}</span>;
}
