import { ApprovalsIcon, AuditIcon, OverviewIcon, PayeesIcon, PaymentsIcon, SettingsIcon, StatementsIcon, TransactionsIcon } from '../components/icons';
import type { MessageKey } from '../i18n/messages';

export type SectionId = 'overview' | 'transactions' | 'payees' | 'payments' | 'approvals' | 'statements' | 'audit' | 'settings';

export interface Section {
  id: SectionId;
  label: MessageKey;
  icon: (props: { className?: string }) => React.JSX.Element;
  group: 'banking' | 'control';
}

export const SECTIONS: readonly Section[] = [
  { id: 'overview', label: 'nav.overview', icon: OverviewIcon, group: 'banking' },
  { id: 'transactions', label: 'nav.transactions', icon: TransactionsIcon, group: 'banking' },
  { id: 'payees', label: 'nav.payees', icon: PayeesIcon, group: 'banking' },
  { id: 'payments', label: 'nav.payments', icon: PaymentsIcon, group: 'banking' },
  { id: 'approvals', label: 'nav.approvals', icon: ApprovalsIcon, group: 'banking' },
  { id: 'statements', label: 'nav.statements', icon: StatementsIcon, group: 'banking' },
  { id: 'audit', label: 'nav.audit', icon: AuditIcon, group: 'control' },
  { id: 'settings', label: 'nav.settings', icon: SettingsIcon, group: 'control' },
];
