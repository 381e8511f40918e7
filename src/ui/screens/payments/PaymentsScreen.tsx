import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Cell, Column, Row, Table, TableBody, TableHeader, ToggleButton, ToggleButtonGroup, type Key } from 'react-aria-components';
import { ActionButton } from '../../components/ActionButton';
import { Card, Page } from '../../components/Page';
import { RefusalNotice } from '../../components/RefusalNotice';
import { StatusBadge } from '../../components/StatusBadge';
import { useI18n } from '../../i18n/i18n';
import { refusalOf } from '../../ipc/callCoffer';
import { useCommand } from '../../ipc/useCommand';
import type { PaymentStatus, PaymentSummary } from '../../ipc/wire';
import { useCan } from '../../session/SessionContext';
import { formatIban } from '../balanceTrend';
import { PaymentDetail } from './PaymentDetail';
import { PaymentForm } from './PaymentForm';

const FILTERS: readonly ('all' | PaymentStatus)[] = ['all', 'draft', 'pending_approval', 'approved', 'queued', 'submitted', 'rejected', 'cancelled'];

/** A list of payments as a keyboard-navigable table; Enter or a click opens one. */
export function PaymentTable({ payments, onOpen, label }: { payments: readonly PaymentSummary[]; onOpen(id: string): void; label: string }) {
  const { t, money, date } = useI18n();
  return (
    <Table aria-label={label} onRowAction={(key) => onOpen(String(key))} data-list="payments" className="w-full text-sm">
      <TableHeader className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
        <Column isRowHeader className="px-6 py-3">{t('overview.payee')}</Column>
        <Column className="px-6 py-3">{t('pay.from')}</Column>
        <Column className="px-6 py-3">{t('overview.execution')}</Column>
        <Column className="px-6 py-3">{t('overview.status')}</Column>
        <Column className="px-6 py-3 text-right">{t('overview.amount')}</Column>
      </TableHeader>
      <TableBody items={payments} renderEmptyState={() => <p className="px-6 py-10 text-center text-slate-600">{t('pay.none')}</p>} className="divide-y divide-slate-100">
        {(payment) => (
          <Row id={payment.id} data-payment={payment.id} className="cursor-default outline-none data-[hovered]:bg-slate-50 data-[focus-visible]:bg-emerald-50 data-[focus-visible]:ring-2 data-[focus-visible]:ring-inset data-[focus-visible]:ring-emerald-600">
            <Cell className="px-6 py-3">
              <p className="font-medium text-slate-900">{payment.creditorName}</p>
              <p className="font-mono text-xs text-slate-600">{formatIban(payment.creditorIban)}</p>
            </Cell>
            <Cell className="px-6 py-3 font-mono text-xs text-slate-600">{formatIban(payment.debtorIban)}</Cell>
            <Cell className="px-6 py-3">{date(payment.executionDate)}</Cell>
            <Cell className="px-6 py-3"><StatusBadge status={payment.status} /></Cell>
            <Cell className="px-6 py-3 text-right font-semibold tabular-nums">{money(payment.amountMinor, payment.currency)}</Cell>
          </Row>
        )}
      </TableBody>
    </Table>
  );
}

export function PaymentsScreen() {
  const { t } = useI18n();
  const can = useCan();
  const queries = useQueryClient();
  const [filter, setFilter] = useState<'all' | PaymentStatus>('all');
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | undefined>();
  const payments = useCommand('payments.list', filter === 'all' ? { limit: 1000 } : { status: filter, limit: 1000 });

  return (
    <Page
      id="payments"
      title={t('nav.payments')}
      subtitle={t('pay.subtitle')}
      ready={payments.isSuccess}
      actions={can('payments.create') && !creating ? <ActionButton tone="primary" onPress={() => { setCreating(true); setOpen(undefined); }}>{t('pay.new')}</ActionButton> : undefined}
    >
      {creating && (
        <Card title={t('pay.new')} labelledBy="payment-new">
          <PaymentForm
            onCancel={() => setCreating(false)}
            onDone={(id) => {
              setCreating(false);
              setFilter('all');
              setOpen(id);
              void queries.invalidateQueries();
            }}
          />
        </Card>
      )}
      {open && <PaymentDetail key={open} id={open} onClose={() => setOpen(undefined)} />}
      <ToggleButtonGroup aria-label={t('pay.byState')} selectionMode="single" disallowEmptySelection selectedKeys={[filter]} onSelectionChange={(keys: Set<Key>) => setFilter(([...keys][0] as typeof filter) ?? 'all')} className="flex flex-wrap gap-1">
        {FILTERS.map((status) => (
          <ToggleButton key={status} id={status} className="cursor-default rounded-full px-3 py-1 text-xs font-semibold text-slate-700 ring-1 ring-slate-300 outline-none data-[selected]:bg-slate-900 data-[selected]:text-white data-[focus-visible]:ring-4 data-[focus-visible]:ring-emerald-500/50">
            {status === 'all' ? t('pay.all') : t(`status.${status}`)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {payments.isError && <RefusalNotice refusal={refusalOf(payments.error)} />}
      {payments.data && (
        <Card>
          <PaymentTable payments={payments.data.payments} onOpen={setOpen} label={t('nav.payments')} />
        </Card>
      )}
    </Page>
  );
}
