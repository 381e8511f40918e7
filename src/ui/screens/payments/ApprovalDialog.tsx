import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { CommandOutput } from '../../../api/index.js';
import { useI18n } from '../../i18n/i18n';
import { PaymentApproval } from './PaymentApproval';

/** The approval of one payment over the Approvals screen: PaymentApproval in a modal dialog. */
export function ApprovalDialog({ shown, onClose, onApproved }: { shown: CommandOutput<'payments.show'>; onClose(): void; onApproved(): void }) {
  const { t } = useI18n();
  return (
    <ModalOverlay isOpen isDismissable onOpenChange={(open) => { if (!open) onClose(); }} className="fixed inset-0 z-40 flex items-center justify-center bg-slate-900/40 p-4">
      <Modal className="w-full max-w-xl rounded-2xl border border-slate-200 bg-white shadow-xl outline-none">
        <Dialog data-dialog="approve" data-payment={shown.payment.id} className="space-y-5 p-6 outline-none">
          <Heading slot="title" className="text-lg font-semibold text-slate-900">{t('approve.title')}</Heading>
          <PaymentApproval shown={shown} onClose={onClose} onApproved={onApproved} />
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
