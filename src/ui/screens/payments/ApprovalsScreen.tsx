import { useState } from 'react';
import { Card, Page } from '../../components/Page';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useI18n } from '../../i18n/i18n';
import { refusalOf } from '../../ipc/callCoffer';
import { useCommand } from '../../ipc/useCommand';
import { useSession } from '../../session/SessionContext';
import { PaymentDetail } from './PaymentDetail';
import { PaymentTable } from './PaymentsScreen';

/**
 * Payments waiting for an approval other than one's own (four eyes). Approving one opens its detail, which
 * shows what is signed and asks the hardware key (ApprovalDialog). Batch approval (one assertion over a batch
 * digest, `payments.approve-batch`) is not built here yet: it would select rows of this table and sign the
 * batch digest with the same `signDigest`.
 */
export function ApprovalsScreen() {
  const { t } = useI18n();
  const session = useSession();
  const pending = useCommand('payments.list', { status: 'pending_approval', limit: 1000 });
  const [open, setOpen] = useState<string | undefined>();
  const others = pending.data?.payments.filter((p) => p.createdBy !== session.userId) ?? [];
  return (
    <Page id="approvals" title={t('nav.approvals')} subtitle={t('approvals.subtitle')} ready={pending.isSuccess}>
      <p className="rounded-xl border border-sky-200 bg-sky-50 p-3 text-sm text-sky-950">{t('approvals.keyHint')}</p>
      {pending.isError && <RefusalNotice refusal={refusalOf(pending.error)} />}
      {open && <PaymentDetail key={open} id={open} onClose={() => setOpen(undefined)} />}
      {pending.data && (
        <Card>
          <PaymentTable payments={others} onOpen={setOpen} label={t('nav.approvals')} />
        </Card>
      )}
    </Page>
  );
}
