import { useEffect, useState } from 'react';
import { Logo } from '../../components/Logo';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useI18n } from '../../i18n/i18n';
import { callCoffer, refusalOf } from '../../ipc/callCoffer';
import { useCommand } from '../../ipc/useCommand';
import type { ApprovalTask } from '../../ipc/wire';
import { BatchApproval } from './BatchApproval';
import { PaymentApproval } from './PaymentApproval';

/** Ends the window's task: the shell closes the window and the command line reports what happened. */
function finish() {
  void callCoffer('session.lock', {});
}

function SinglePayment({ id, onDone }: { id: string; onDone(): void }) {
  const { t } = useI18n();
  const shown = useCommand('payments.show', { id });
  if (shown.isError) return <RefusalNotice refusal={refusalOf(shown.error)} />;
  if (!shown.data) return <p className="text-sm text-slate-600">{t('overview.loading')}</p>;
  return <PaymentApproval shown={shown.data} onClose={finish} onApproved={onDone} />;
}

/**
 * The small window of `coffer payments approve ID…`: only the payment (or the batch) the command names, what
 * is signed, and the key. The shell allows this window nothing else (src/desktop/approvalTask.ts) and closes
 * it once the approval is recorded; Cancel closes it without a change.
 */
export function ApprovalTaskWindow({ task }: { task: ApprovalTask }) {
  const { t } = useI18n();
  const [done, setDone] = useState(false);
  const single = task.ids.length === 1 ? task.ids[0] : undefined;
  const title = single === undefined ? t('task.batch', { count: String(task.ids.length) }) : t('task.single', { id: single });
  useEffect(() => {
    document.title = `${title} · Coffer`;
  }, [title]);
  return (
    <main data-screen="approval-task" data-task={task.ids.join(' ')} className="min-h-screen bg-slate-50 p-6">
      <div className="mx-auto max-w-2xl space-y-5 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
        <div className="flex items-center gap-3">
          <Logo className="size-7" />
          <h1 className="text-lg font-semibold text-slate-900">{title}</h1>
        </div>
        <p className="text-xs text-slate-600">{t('task.hint')}</p>
        {single === undefined ? (
          <BatchApproval ids={task.ids} onClose={finish} onApproved={() => setDone(true)} />
        ) : (
          <SinglePayment id={single} onDone={() => setDone(true)} />
        )}
        {done && <p role="status" className="text-sm text-slate-700">{t('task.closing')}</p>}
      </div>
    </main>
  );
}
