import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton';
import { Card, Page } from '../../components/Page';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useI18n } from '../../i18n/i18n';
import { refusalOf } from '../../ipc/callCoffer';
import { useCommand } from '../../ipc/useCommand';
import { useSession } from '../../session/SessionContext';
import { BatchApproval } from './BatchApproval';
import { PaymentDetail } from './PaymentDetail';
import { PaymentTable } from './PaymentsScreen';

/**
 * Payments waiting for an approval other than one's own (four eyes). Approving one opens its detail, which
 * shows what is signed and asks the hardware key (ApprovalDialog). Ticking several and approving them shows
 * every payee and the total per currency, then signs the batch digest with one touch (BatchApproval).
 */
export function ApprovalsScreen() {
  const { t } = useI18n();
  const session = useSession();
  const queries = useQueryClient();
  const pending = useCommand('payments.list', { status: 'pending_approval', limit: 1000 });
  const [open, setOpen] = useState<string | undefined>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [batch, setBatch] = useState<readonly string[] | undefined>();
  const others = pending.data?.payments.filter((p) => p.createdBy !== session.userId) ?? [];
  // Only rows still listed count: a payment approved meanwhile leaves the list and the selection.
  const chosen = others.filter((payment) => selected.has(payment.id)).map((payment) => payment.id);
  const closeBatch = () => {
    setBatch(undefined);
    setSelected(new Set());
    void queries.invalidateQueries();
  };
  return (
    <Page
      id="approvals"
      title={t('nav.approvals')}
      subtitle={t('approvals.subtitle')}
      ready={pending.isSuccess}
      actions={chosen.length > 0 && batch === undefined ? <ActionButton tone="primary" onPress={() => { setOpen(undefined); setBatch(chosen); }}>{t('batch.approveSelected', { count: String(chosen.length) })}</ActionButton> : undefined}
    >
      <p className="rounded-xl border border-sky-200 bg-sky-50 p-3 text-sm text-sky-950">{t('approvals.keyHint')}</p>
      {pending.isError && <RefusalNotice refusal={refusalOf(pending.error)} />}
      {batch && (
        <Card title={t('batch.title', { count: String(batch.length) })} labelledBy="batch-approval">
          <div className="p-6">
            <BatchApproval key={batch.join(',')} ids={batch} onClose={closeBatch} onApproved={() => void queries.invalidateQueries({ queryKey: ['payments.show'] })} />
          </div>
        </Card>
      )}
      {open && <PaymentDetail key={open} id={open} onClose={() => setOpen(undefined)} />}
      {pending.data && (
        <Card>
          <PaymentTable payments={others} onOpen={setOpen} label={t('nav.approvals')} selection={{ selected, onChange: setSelected }} />
        </Card>
      )}
    </Page>
  );
}
