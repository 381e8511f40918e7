import { ApprovalsIcon, AuditIcon, KeyIcon, OverviewIcon, PayeesIcon, PaymentsIcon, SettingsIcon, StatementsIcon, TransactionsIcon } from '../components/icons';
import type { MessageKey } from '../i18n/messages';
import type { ApiCommandName } from '../ipc/wire';

export type SectionId = 'overview' | 'transactions' | 'payees' | 'payments' | 'approvals' | 'statements' | 'audit' | 'keys' | 'settings';

export interface Section {
  id: SectionId;
  label: MessageKey;
  icon: (props: { className?: string }) => React.JSX.Element;
  group: 'banking' | 'control';
  /** The section shows only when the roles may run this command at all. */
  needs: ApiCommandName;
}

export const SECTIONS: readonly Section[] = [
  { id: 'overview', label: 'nav.overview', needs: 'accounts.list', icon: OverviewIcon, group: 'banking' },
  { id: 'transactions', label: 'nav.transactions', needs: 'transactions.list', icon: TransactionsIcon, group: 'banking' },
  { id: 'payees', label: 'nav.payees', needs: 'payees.list', icon: PayeesIcon, group: 'banking' },
  { id: 'payments', label: 'nav.payments', needs: 'payments.list', icon: PaymentsIcon, group: 'banking' },
  { id: 'approvals', label: 'nav.approvals', needs: 'payments.approve', icon: ApprovalsIcon, group: 'banking' },
  { id: 'statements', label: 'nav.statements', needs: 'statements.import', icon: StatementsIcon, group: 'banking' },
  { id: 'audit', label: 'nav.audit', needs: 'audit.log', icon: AuditIcon, group: 'control' },
  { id: 'keys', label: 'nav.keys', needs: 'keys.list', icon: KeyIcon, group: 'control' },
  { id: 'settings', label: 'nav.settings', needs: 'settings.show', icon: SettingsIcon, group: 'control' },
];
