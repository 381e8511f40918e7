import { useMemo, useState } from 'react';
import { SearchField, Input, Label, ToggleButton, ToggleButtonGroup, type Key } from 'react-aria-components';
import { parseAmount } from '../../../domain/values.js';
import { ActionButton } from '../../components/ActionButton';
import { Page } from '../../components/Page';
import { RefusalNotice } from '../../components/RefusalNotice';
import { SelectInput, TextInput } from '../../components/TextInput';
import { VirtualTable } from '../../components/VirtualTable';
import { useI18n } from '../../i18n/i18n';
import { callCoffer } from '../../ipc/callCoffer';
import { saveFile } from '../../ipc/saveFile';
import { useCommand } from '../../ipc/useCommand';
import type { Refusal } from '../../ipc/wire';
import { formatIban } from '../balanceTrend';
import { filterBookings, searchIndex, type BookingFilter } from './filterBookings';
import { useAllBookings } from './useAllBookings';

function minorOf(text: string, currency: string | undefined): number | undefined | 'invalid' {
  if (text.trim() === '' || currency === undefined) return undefined;
  try {
    return parseAmount(text, currency as Parameters<typeof parseAmount>[1]);
  } catch {
    return 'invalid';
  }
}

/** Every booking, searchable as you type; the scope (account, dates) is asked of the app, the rest filters in memory. */
export function TransactionsScreen() {
  const { t, money, date, plural, number } = useI18n();
  const accounts = useCommand('accounts.list', {});
  const [account, setAccount] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [text, setText] = useState('');
  const [direction, setDirection] = useState<BookingFilter['direction']>('all');
  const [minText, setMinText] = useState('');
  const [maxText, setMaxText] = useState('');
  const [notice, setNotice] = useState<{ refusal?: Refusal; saved?: string } | undefined>();
  const rangeValid = from === '' || to === '' || from <= to;
  const scope = { account: account || undefined, from: from || undefined, to: rangeValid ? to || undefined : undefined };
  const bookings = useAllBookings(scope);
  const currency = accounts.data?.accounts.find((a) => a.iban === account)?.currency;
  const min = minorOf(minText, currency);
  const max = minorOf(maxText, currency);

  const rows = bookings.rows;
  const index = useMemo(() => searchIndex(rows), [rows]);
  const kept = useMemo(
    () => filterBookings(rows, index, { text, direction, minMinor: typeof min === 'number' ? min : undefined, maxMinor: typeof max === 'number' ? max : undefined }),
    [rows, index, text, direction, min, max],
  );

  async function exportCsv() {
    setNotice(undefined);
    const input = {
      ...(scope.account ? { account: scope.account } : {}),
      ...(scope.from ? { from: scope.from } : {}),
      ...(scope.to ? { to: scope.to } : {}),
      ...(text.trim() ? { text: text.trim().slice(0, 100) } : {}),
      ...(direction !== 'all' ? { direction } : {}),
      ...(typeof min === 'number' ? { minAmount: minText } : {}),
      ...(typeof max === 'number' ? { maxAmount: maxText } : {}),
    };
    const result = await callCoffer('transactions.export', input);
    if (!result.ok) return setNotice({ refusal: result.error });
    const saved = await saveFile(result.value.file);
    setNotice(saved.saved ? { saved: saved.name } : saved.reason === 'cancelled' ? undefined : { refusal: { code: 'UI_SAVE_FAILED', message: '' } });
  }

  const columns = [
    { label: t('tx.date'), className: 'w-28 shrink-0' },
    { label: t('tx.counterparty'), className: 'w-64 shrink-0 font-medium text-slate-900' },
    { label: t('tx.remittance'), className: 'min-w-0 flex-1 text-slate-600' },
    { label: t('tx.account'), className: 'w-60 shrink-0 font-mono text-xs text-slate-600' },
    { label: t('tx.amount'), className: 'w-40 shrink-0 text-right tabular-nums font-semibold' },
  ];

  return (
    <Page
      id="transactions"
      title={t('nav.transactions')}
      subtitle={bookings.total === undefined ? t('overview.loading') : t('tx.loaded', { done: number(rows.length), total: number(bookings.total) })}
      ready={bookings.complete}
      wide
      actions={<ActionButton onPress={() => void exportCsv()} isDisabled={!bookings.complete}>{t('tx.export')}</ActionButton>}
    >
      <div className="grid grid-cols-1 gap-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-6">
        <SearchField value={text} onChange={setText} className="flex flex-col gap-1 md:col-span-2">
          <Label className="text-sm font-medium text-slate-700">{t('tx.search')}</Label>
          <Input data-search autoComplete="off" placeholder={t('tx.searchHint')} className="rounded-lg border border-slate-300 px-3 py-2 text-sm outline-none data-[focused]:border-emerald-600 data-[focused]:ring-4 data-[focused]:ring-emerald-500/20 [&::-webkit-search-cancel-button]:hidden" />
        </SearchField>
        <SelectInput
          id="tx-account"
          label={t('tx.account')}
          value={account}
          onChange={(value) => { setAccount(value); setMinText(''); setMaxText(''); }}
          options={[{ value: '', label: t('tx.allAccounts') }, ...(accounts.data?.accounts ?? []).map((a) => ({ value: a.iban, label: `${a.name} (${a.currency})` }))]}
        />
        <div className="flex flex-col gap-1">
          <label htmlFor="tx-from" className="text-sm font-medium text-slate-700">{t('tx.from')}</label>
          <input id="tx-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} className="rounded-lg border border-slate-300 px-3 py-2 text-sm outline-none focus:ring-4 focus:ring-emerald-500/30 focus-within:ring-4 focus-within:ring-emerald-500/30 focus-within:outline-2 focus-within:outline-solid focus-within:outline-emerald-600" />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="tx-to" className="text-sm font-medium text-slate-700">{t('tx.to')}</label>
          <input id="tx-to" type="date" value={to} aria-invalid={!rangeValid} aria-describedby={rangeValid ? undefined : 'tx-range-error'} onChange={(e) => setTo(e.target.value)} className="rounded-lg border border-slate-300 px-3 py-2 text-sm outline-none focus:ring-4 focus:ring-emerald-500/30 focus-within:ring-4 focus-within:ring-emerald-500/30 focus-within:outline-2 focus-within:outline-solid focus-within:outline-emerald-600 aria-[invalid=true]:border-rose-500" />
          {!rangeValid && <p id="tx-range-error" className="text-xs font-medium text-rose-700">{t('tx.rangeInvalid')}</p>}
        </div>
        <div className="flex flex-col gap-1">
          <span id="tx-direction" className="text-sm font-medium text-slate-700">{t('tx.direction')}</span>
          <ToggleButtonGroup aria-labelledby="tx-direction" selectionMode="single" disallowEmptySelection selectedKeys={[direction]} onSelectionChange={(keys: Set<Key>) => setDirection(([...keys][0] as BookingFilter['direction']) ?? 'all')} className="inline-flex rounded-lg bg-slate-100 p-0.5 ring-1 ring-slate-200">
            {(['all', 'credit', 'debit'] as const).map((d) => (
              <ToggleButton key={d} id={d} className="flex-1 cursor-default rounded-md px-2 py-1.5 text-xs font-semibold text-slate-700 outline-none data-[selected]:bg-white data-[selected]:text-slate-900 data-[selected]:shadow-sm data-[focus-visible]:ring-2 data-[focus-visible]:ring-emerald-500">
                {t(`tx.direction.${d}`)}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        </div>
        {currency !== undefined && (
          <>
            <TextInput label={t('tx.minAmount', { currency })} value={minText} onChange={setMinText} error={min === 'invalid' ? t('tx.amountInvalid') : undefined} />
            <TextInput label={t('tx.maxAmount', { currency })} value={maxText} onChange={setMaxText} error={max === 'invalid' ? t('tx.amountInvalid') : undefined} />
          </>
        )}
      </div>

      {bookings.refusal && <RefusalNotice refusal={bookings.refusal} />}
      {notice?.refusal && <RefusalNotice refusal={notice.refusal} />}
      {notice?.saved && <p role="status" className="rounded-xl border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">{t('file.saved', { name: notice.saved })}</p>}

      <p role="status" data-shown={kept.length} className="text-sm text-slate-600">{plural(kept.length, 'tx.shownOne', 'tx.shownMany')}</p>
      <VirtualTable
        label={t('nav.transactions')}
        testId="transactions"
        columns={columns}
        count={kept.length}
        renderRow={(i) => {
          const row = rows[kept[i] as number];
          if (row === undefined) return [];
          return [
            date(row.bookingDate),
            row.counterpartyName ?? row.postingText ?? '—',
            row.remittanceInfo || row.additionalInfo || '',
            formatIban(row.account),
            <span key="amount" className={row.amountMinor < 0 ? 'text-slate-900' : 'text-emerald-700'}>{money(row.amountMinor, row.currency, { signDisplay: 'exceptZero' })}</span>,
          ];
        }}
      />
    </Page>
  );
}
