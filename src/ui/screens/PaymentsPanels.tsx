import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import type { PaymentStatus, PaymentSummary, SessionInfo } from '../ipc/wire';
import { StatusBadge } from '../components/StatusBadge';

interface Task {
  payment: PaymentSummary;
  next: MessageKey;
}

/** What the signed-in user has to do next, by role: makers finish drafts, approvers approve others' payments. */
export function tasksFor(session: SessionInfo, payments: readonly PaymentSummary[]): { waiting: Task[]; inFlight: Task[] } {
  const maker = session.roles.includes('maker');
  const approver = session.roles.includes('approver');
  const waiting: Task[] = [];
  const inFlight: Task[] = [];
  for (const payment of payments) {
    if (maker && payment.status === 'draft') waiting.push({ payment, next: 'next.draft' });
    else if (maker && payment.status === 'rejected') waiting.push({ payment, next: 'next.rejected' });
    else if (approver && payment.status === 'pending_approval' && payment.createdBy !== session.userId) waiting.push({ payment, next: 'next.pendingMine' });
    else if (payment.status === 'pending_approval') inFlight.push({ payment, next: 'next.pendingOthers' });
    else if (payment.status === 'approved') (maker ? waiting : inFlight).push({ payment, next: 'next.approved' });
    else if (payment.status === 'queued' || payment.status === 'submitted') inFlight.push({ payment, next: `status.${payment.status}` });
  }
  return { waiting, inFlight };
}

const TILES: { status: PaymentStatus; label: MessageKey; tone: string }[] = [
  { status: 'draft', label: 'tile.drafts', tone: 'text-slate-900' },
  { status: 'pending_approval', label: 'tile.pending', tone: 'text-amber-700' },
  { status: 'approved', label: 'tile.approved', tone: 'text-emerald-700' },
  { status: 'rejected', label: 'tile.rejected', tone: 'text-rose-700' },
];

export function StatusTiles({ payments }: { payments: readonly PaymentSummary[] }) {
  const { t } = useI18n();
  return (
    <dl className="grid grid-cols-4 divide-x divide-slate-100 border-b border-slate-100">
      {TILES.map(({ status, label, tone }) => (
        <div key={status} className="px-6 py-4">
          <dt className="text-xs font-medium text-slate-500">{t(label)}</dt>
          <dd className={`mt-1 text-2xl font-semibold tabular-nums ${tone}`}>{payments.filter((p) => p.status === status).length}</dd>
        </div>
      ))}
    </dl>
  );
}

export function TaskList({ tasks, empty, testId, compact = false }: { tasks: readonly Task[]; empty: MessageKey; testId: string; compact?: boolean }) {
  const { t, money, date } = useI18n();
  if (tasks.length === 0) return <p className="px-6 py-10 text-center text-sm text-slate-500">{t(empty)}</p>;
  return (
    <ul data-list={testId} className="divide-y divide-slate-100">
      {tasks.map(({ payment, next }) => (
        <li key={payment.id} data-payment={payment.id} className="flex items-center gap-4 px-6 py-3.5">
          <div className="min-w-0 flex-1">
            <p className="truncate text-sm font-medium text-slate-900">{payment.creditorName}</p>
            {compact ? (
              <div className="mt-1">
                <StatusBadge status={payment.status} />
              </div>
            ) : (
              <p className="truncate text-xs text-slate-500">{t(next)}</p>
            )}
          </div>
          {!compact && <StatusBadge status={payment.status} />}
          <div className="w-32 shrink-0 text-right">
            <p className="text-sm font-semibold tabular-nums text-slate-900">{money(payment.amountMinor, payment.currency)}</p>
            <p className="text-xs text-slate-500">{date(payment.executionDate)}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
