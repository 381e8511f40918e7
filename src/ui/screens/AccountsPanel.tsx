import { Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import { Sparkline } from '../components/Sparkline';
import { useI18n } from '../i18n/i18n';
import { useCommand } from '../ipc/useCommand';
import type { Account } from '../ipc/wire';
import { balanceTrend, daysBefore, formatIban } from './balanceTrend';

function TrendCell({ account, today }: { account: Account; today: string }) {
  const { t, money } = useI18n();
  const bookings = useCommand('transactions.list', { account: account.iban, from: daysBefore(today, 30), limit: 1000 });
  const trend = bookings.data ? balanceTrend(account.balanceMinor, bookings.data.transactions, today) : [];
  const change = trend.length > 1 ? (trend.at(-1) ?? 0) - (trend[0] ?? 0) : undefined;
  return (
    <div className="flex items-center justify-end gap-4">
      <Sparkline values={trend} label={t('overview.trend')} tone={change !== undefined && change < 0 ? 'down' : 'up'} />
      <span className={`w-44 text-right text-xs tabular-nums ${change !== undefined && change < 0 ? 'text-rose-600' : 'text-emerald-700'}`}>
        {change === undefined ? '' : t('overview.change', { change: money(change, account.currency, { signDisplay: 'exceptZero' }) })}
      </span>
    </div>
  );
}

/** Each account with IBAN, a 30-day trend and its booked balance. */
export function AccountsPanel({ accounts, today }: { accounts: readonly Account[]; today: string }) {
  const { t, money } = useI18n();
  return (
    <section className="rounded-2xl border border-slate-200 bg-white shadow-sm">
      <h2 className="border-b border-slate-100 px-6 py-4 text-sm font-semibold text-slate-900">{t('overview.accounts')}</h2>
      <Table aria-label={t('overview.accounts')} className="w-full text-sm">
        <TableHeader className="text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <Column isRowHeader className="px-6 py-3 font-medium">{t('overview.account')}</Column>
          <Column className="px-6 py-3 text-right font-medium">{t('overview.trend')}</Column>
          <Column className="px-6 py-3 text-right font-medium">{t('overview.balance')}</Column>
        </TableHeader>
        <TableBody items={accounts} className="divide-y divide-slate-100">
          {(account) => (
            <Row id={account.iban} data-account={account.iban} className="outline-none data-[focus-visible]:bg-emerald-50 data-[focus-visible]:outline-solid data-[focus-visible]:outline-2 data-[focus-visible]:-outline-offset-2 data-[focus-visible]:outline-emerald-600">
              <Cell className="px-6 py-4">
                <div className="flex items-center gap-3">
                  <span className="grid size-10 place-items-center rounded-lg bg-slate-100 text-xs font-bold text-slate-600 ring-1 ring-slate-200">{account.currency}</span>
                  <div>
                    <p className="font-medium text-slate-900">{account.name}</p>
                    <p className="font-mono text-xs text-slate-500">{formatIban(account.iban)}</p>
                  </div>
                </div>
              </Cell>
              <Cell className="px-6 py-4">
                <TrendCell account={account} today={today} />
              </Cell>
              <Cell className="px-6 py-4 text-right text-base font-semibold tabular-nums text-slate-900">{money(account.balanceMinor, account.currency)}</Cell>
            </Row>
          )}
        </TableBody>
      </Table>
    </section>
  );
}
