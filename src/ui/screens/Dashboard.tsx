import { useIsFetching } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, ToggleButton, ToggleButtonGroup, type Key } from 'react-aria-components';
import { BalanceChart } from '../components/BalanceChart';
import type { SectionId } from '../shell/sections';
import { balanceTrend, daysBefore } from './balanceTrend';
import { useI18n } from '../i18n/i18n';
import { RefusalNotice } from '../components/RefusalNotice';
import { refusalOf } from '../ipc/callCoffer';
import { useCommand } from '../ipc/useCommand';
import type { Account, SessionInfo } from '../ipc/wire';
import { AccountsPanel } from './AccountsPanel';
import { StatusTiles, TaskList, tasksFor } from './PaymentsPanels';

/** The balance of one account over the last 30 days, from its booked balance and bookings (same queries as the trends). */
function BalanceOverTime({ accounts, today }: { accounts: readonly Account[]; today: string }) {
  const { t, money, date } = useI18n();
  const [chosen, setChosen] = useState(accounts[0]?.iban ?? '');
  const account = accounts.find((a) => a.iban === chosen) ?? accounts[0];
  const bookings = useCommand('transactions.list', { account: account?.iban ?? '', from: daysBefore(today, 30), limit: 1000 }, { enabled: account !== undefined });
  if (account === undefined) return null;
  const values = bookings.data ? balanceTrend(account.balanceMinor, bookings.data.transactions, today) : [];
  const days = values.map((_, i) => daysBefore(today, values.length - 1 - i));
  return (
    <section aria-labelledby="balance-over-time" className="rounded-2xl border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-4 border-b border-slate-100 px-6 py-4">
        <h2 id="balance-over-time" className="text-sm font-semibold text-slate-900">{t('overview.overTime')}</h2>
        <ToggleButtonGroup aria-label={t('overview.account')} selectionMode="single" disallowEmptySelection selectedKeys={[account.iban]} onSelectionChange={(keys: Set<Key>) => setChosen(String([...keys][0] ?? ''))} className="inline-flex rounded-lg bg-slate-100 p-0.5 ring-1 ring-slate-200">
          {accounts.map((a) => (
            <ToggleButton key={a.iban} id={a.iban} className="cursor-default rounded-md px-2.5 py-1 text-xs font-semibold text-slate-700 outline-none data-[selected]:bg-white data-[selected]:text-slate-900 data-[selected]:shadow-sm data-[focus-visible]:ring-2 data-[focus-visible]:ring-emerald-500">
              {a.currency}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </div>
      <div className="px-6 py-4">
        <BalanceChart values={values} days={days} label={`${t('overview.overTime')} · ${account.name}`} format={(minor) => money(minor, account.currency)} formatDay={(day) => date(day, 'short')} />
      </div>
    </section>
  );
}

/** Sums per currency, in integer minor units: currencies are never added to each other. */
function totalsByCurrency(accounts: readonly Account[]): { currency: string; minor: number; count: number }[] {
  const totals = new Map<string, { minor: number; count: number }>();
  for (const a of accounts) {
    const t = totals.get(a.currency) ?? { minor: 0, count: 0 };
    totals.set(a.currency, { minor: t.minor + a.balanceMinor, count: t.count + 1 });
  }
  return [...totals].map(([currency, t]) => ({ currency, ...t }));
}

export function Dashboard({ session, onNavigate }: { session: SessionInfo; onNavigate?: (section: SectionId) => void }) {
  const { t, money, date, currencyName, plural } = useI18n();
  const fetching = useIsFetching();
  const today = new Date().toISOString().slice(0, 10);
  const accounts = useCommand('accounts.list', {});
  const payments = useCommand('payments.list', { limit: 500 });
  // Ready once every query of the screen, the 30-day trends included, has answered (screenshots wait for it).
  const ready = accounts.isSuccess && payments.isSuccess && fetching === 0;
  const tasks = payments.data ? tasksFor(session, payments.data.payments) : undefined;

  return (
    <div data-screen="overview" data-ready={ready ? 'true' : undefined} className="mx-auto max-w-7xl space-y-6 px-8 py-8">
      <div className="flex items-end justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t('overview.title')}</h1>
          <p className="mt-1 text-sm text-slate-500">{t('overview.asOf', { date: date(today) })}</p>
        </div>
      </div>

      {accounts.isError && <RefusalNotice refusal={refusalOf(accounts.error)} />}
      {payments.isError && <RefusalNotice refusal={refusalOf(payments.error)} />}

      {accounts.data && (
        <>
          <section aria-label={t('overview.byCurrency')} className="grid grid-cols-1 gap-4 md:grid-cols-3">
            {totalsByCurrency(accounts.data.accounts).map(({ currency, minor, count }) => (
              <div key={currency} data-total={currency} className="relative overflow-hidden rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
                <div className="absolute inset-x-0 top-0 h-1 bg-gradient-to-r from-emerald-500 to-sky-500" />
                <div className="flex items-center justify-between">
                  <p className="text-xs font-semibold uppercase tracking-wider text-slate-500">{currencyName(currency)}</p>
                  <span className="rounded-md bg-slate-900 px-2 py-0.5 text-xs font-bold text-white">{currency}</span>
                </div>
                <p className="mt-4 text-3xl font-semibold tracking-tight tabular-nums text-slate-900">{money(minor, currency)}</p>
                <p className="mt-1 text-xs text-slate-500">{plural(count, 'overview.accountOne', 'overview.accountMany')}</p>
              </div>
            ))}
          </section>
          <AccountsPanel accounts={accounts.data.accounts} today={today} />
        </>
      )}

      {payments.data && tasks && (
        <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
          <section className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm xl:col-span-2">
            <h2 className="flex items-center gap-2 border-b border-slate-100 px-6 py-4 text-sm font-semibold text-slate-900">
              {t('overview.waiting')}
              <span className="rounded-full bg-emerald-700 px-2 py-0.5 text-xs font-semibold text-white">{tasks.waiting.length}</span>
              {onNavigate && (
                <Button onPress={() => onNavigate(session.roles.includes('approver') ? 'approvals' : 'payments')} className="ml-auto cursor-default rounded-md px-2 py-1 text-xs font-semibold text-emerald-800 outline-none data-[hovered]:bg-emerald-50 data-[focus-visible]:ring-2 data-[focus-visible]:ring-emerald-500">
                  {t(session.roles.includes('approver') ? 'overview.openApprovals' : 'overview.openPayments')}
                </Button>
              )}
            </h2>
            <StatusTiles payments={payments.data.payments} />
            <TaskList tasks={tasks.waiting} empty="overview.waitingNone" testId="waiting" />
          </section>
          <section className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
            <h2 className="border-b border-slate-100 px-6 py-4 text-sm font-semibold text-slate-900">{t('overview.inFlight')}</h2>
            <TaskList tasks={tasks.inFlight} empty="overview.inFlightNone" testId="in-flight" compact />
          </section>
        </div>
      )}

      {accounts.data && <BalanceOverTime accounts={accounts.data.accounts} today={today} />}

      {!ready && !accounts.isError && !payments.isError && <p className="text-sm text-slate-500">{t('overview.loading')}</p>}
    </div>
  );
}
