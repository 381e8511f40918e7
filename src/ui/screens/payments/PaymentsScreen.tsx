import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Cell, Checkbox, Column, Row, Table, TableBody, TableHeader, ToggleButton, ToggleButtonGroup, type Key } from 'react-aria-components';
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

/** Rows ticked for a batch approval: the Approvals screen passes them, other lists select nothing. */
export interface PaymentSelection {
  selected: ReadonlySet<string>;
  onChange(selected: Set<string>): void;
}

function SelectBox({ label }: { label: string }) {
  return (
    <Checkbox slot="selection" aria-label={label} className="group flex items-center outline-none">
      <span aria-hidden="true" className="flex size-4 items-center justify-center rounded border border-slate-400 group-data-[selected]:border-emerald-700 group-data-[selected]:bg-emerald-700 group-data-[focus-visible]:ring-4 group-data-[focus-visible]:ring-emerald-500/40">
        <span className="hidden size-2 rounded-sm bg-white group-data-[selected]:block" />
      </span>
    </Checkbox>
  );
}

/** A list of payments as a keyboard-navigable table; Enter or a click opens one; with `selection`, a box per row. */
export function PaymentTable({ payments, onOpen, label, selection }: { payments: readonly PaymentSummary[]; onOpen(id: string): void; label: string; selection?: PaymentSelection }) {
  const { t, money, date } = useI18n();
  const selecting = selection === undefined ? {} : {
    selectionMode: 'multiple' as const,
    selectedKeys: new Set<Key>(selection.selected),
    onSelectionChange: (keys: 'all' | Set<Key>) => selection.onChange(new Set(keys === 'all' ? payments.map((payment) => payment.id) : [...keys].map(String))),
  };
  return (
    <Table aria-label={label} onRowAction={(key) => onOpen(String(key))} {...selecting} data-list="payments" className="w-full text-sm">
      <TableHeader className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
        {selection !== undefined && <Column className="w-10 py-3 pl-6"><SelectBox label={t('batch.selectAll')} /></Column>}
        <Column isRowHeader className="px-6 py-3">{t('overview.payee')}</Column>
        <Column className="px-6 py-3">{t('pay.from')}</Column>
        <Column className="px-6 py-3">{t('overview.execution')}</Column>
        <Column className="px-6 py-3">{t('overview.status')}</Column>
        <Column className="px-6 py-3 text-right">{t('overview.amount')}</Column>
      </TableHeader>
      <TableBody items={payments} renderEmptyState={() => <p className="px-6 py-10 text-center text-slate-600">{t('pay.none')}</p>} className="divide-y divide-slate-100">
        {(payment) => (
          <Row id={payment.id} data-payment={payment.id} className="cursor-default outline-none data-[hovered]:bg-slate-50 data-[selected]:bg-emerald-50/60 data-[focus-visible]:bg-emerald-50 data-[focus-visible]:ring-2 data-[focus-visible]:ring-inset data-[focus-visible]:ring-emerald-600">
            {selection !== undefined && <Cell className="py-3 pl-6"><SelectBox label={t('batch.select')} /></Cell>}
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
