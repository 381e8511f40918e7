import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { COMMAND_SPECS, type CommandInput } from '../../../api/index.js';
import { Currency } from '../../../domain/values.js';
import { ActionButton } from '../../components/ActionButton';
import { RefusalNotice } from '../../components/RefusalNotice';
import { SelectInput, TextInput } from '../../components/TextInput';
import { useI18n } from '../../i18n/i18n';
import { callCoffer } from '../../ipc/callCoffer';
import { useCommand } from '../../ipc/useCommand';
import type { Refusal } from '../../ipc/wire';
import { fieldErrors } from '../fieldErrors';

export interface PaymentDraft {
  from: string;
  toName: string;
  toIban: string;
  toBic: string;
  amount: string;
  currency: Currency;
  reference: string;
  date: string;
}

export const EMPTY_DRAFT: PaymentDraft = { from: '', toName: '', toIban: '', toBic: '', amount: '', currency: 'EUR', reference: '', date: '' };

function inputOf(draft: PaymentDraft) {
  return {
    from: draft.from,
    toName: draft.toName,
    toIban: draft.toIban,
    ...(draft.toBic.trim() ? { toBic: draft.toBic } : {}),
    amount: draft.amount,
    currency: draft.currency,
    ...(draft.reference.trim() ? { reference: draft.reference } : {}),
    ...(draft.date ? { date: draft.date } : {}),
  };
}

/**
 * A new payment or changes to one, checked as it is typed with `payments.create`'s own input schema (the
 * IBAN's checksum, the BIC's shape, the amount's decimals for the currency), and again by the app on save.
 */
export function PaymentForm({ initial = EMPTY_DRAFT, editing, onDone, onCancel }: { initial?: PaymentDraft; editing?: string; onDone(id: string): void; onCancel(): void }) {
  const { t } = useI18n();
  const accounts = useCommand('accounts.list', {});
  const payees = useCommand('payees.list', {}, { enabled: true });
  const [draft, setDraft] = useState<PaymentDraft>(() => ({ ...initial, from: initial.from || '' }));
  const [refusal, setRefusal] = useState<Refusal | undefined>();
  const [busy, setBusy] = useState(false);
  const from = draft.from || accounts.data?.accounts[0]?.iban || '';
  const current = { ...draft, from };
  const errors = fieldErrors(COMMAND_SPECS['payments.create'].input, inputOf(current));
  const touched = (field: keyof PaymentDraft) => current[field] !== '' && current[field] !== initial[field];
  const shown = (field: keyof PaymentDraft) => (touched(field) ? errors[field] : undefined);
  const set = (field: Exclude<keyof PaymentDraft, 'currency'>) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));

  async function save(event: FormEvent) {
    event.preventDefault();
    if (Object.keys(errors).length > 0 || busy) return;
    setBusy(true);
    const input = inputOf(current);
    const result = editing === undefined ? await callCoffer('payments.create', input) : await callCoffer('payments.edit', { id: editing, ...changed(initial, current) });
    setBusy(false);
    if (!result.ok) return setRefusal(result.error);
    onDone(result.value.id);
  }

  const pickPayee = (id: string) => {
    const payee = payees.data?.payees.find((p) => p.id === id);
    if (payee) setDraft((d) => ({ ...d, toName: payee.name, toIban: payee.iban, toBic: payee.bic ?? '' }));
  };

  return (
    <Form onSubmit={(e) => void save(e)} aria-label={editing ? t('pay.edit') : t('pay.new')} data-form="payment" className="grid grid-cols-1 gap-4 p-6 md:grid-cols-2">
      <SelectInput id="pay-from" label={t('pay.from')} value={from} onChange={set('from')} options={(accounts.data?.accounts ?? []).map((a) => ({ value: a.iban, label: `${a.name} · ${a.currency}` }))} />
      {payees.data && payees.data.payees.length > 0 ? (
        <SelectInput id="pay-payee" label={t('pay.payee')} value="" onChange={pickPayee} options={[{ value: '', label: t('pay.payeePick') }, ...payees.data.payees.map((p) => ({ value: p.id, label: p.name }))]} />
      ) : (
        <div />
      )}
      <TextInput label={t('pay.toName')} value={draft.toName} onChange={set('toName')} error={shown('toName')} isRequired />
      <TextInput label={t('pay.toIban')} value={draft.toIban} onChange={set('toIban')} error={shown('toIban')} inputClassName="font-mono" isRequired />
      <TextInput label={t('pay.toBic')} value={draft.toBic} onChange={set('toBic')} error={shown('toBic')} inputClassName="font-mono" description={t('payees.bicOptional')} />
      <div className="grid grid-cols-[2fr_1fr] gap-3">
        <TextInput label={t('pay.amount')} value={draft.amount} onChange={set('amount')} error={shown('amount')} inputClassName="tabular-nums" isRequired />
        <SelectInput id="pay-currency" label={t('pay.currency')} value={draft.currency} onChange={(value) => setDraft((d) => ({ ...d, currency: Currency.parse(value) }))} options={['EUR', 'USD', 'GBP', 'CHF'].map((c) => ({ value: c, label: c }))} />
      </div>
      <TextInput label={t('pay.reference')} value={draft.reference} onChange={set('reference')} error={shown('reference')} />
      <div className="flex flex-col gap-1">
        <label htmlFor="pay-date" className="text-sm font-medium text-slate-700">{t('pay.date')}</label>
        <input id="pay-date" type="date" value={draft.date} onChange={(e) => set('date')(e.target.value)} className="rounded-lg border border-slate-300 px-3 py-2 text-sm outline-none focus:ring-4 focus:ring-emerald-500/30 focus-within:ring-4 focus-within:ring-emerald-500/30 focus-within:outline-2 focus-within:outline-solid focus-within:outline-emerald-600" />
        {shown('date') && <p className="text-xs font-medium text-rose-700">{shown('date')}</p>}
      </div>
      {refusal && <RefusalNotice refusal={refusal} className="md:col-span-2" />}
      <div className="flex gap-2 md:col-span-2">
        <ActionButton type="submit" tone="primary" isDisabled={busy || Object.keys(errors).length > 0}>{editing ? t('pay.saveChanges') : t('pay.create')}</ActionButton>
        <ActionButton onPress={onCancel}>{t('pay.discard')}</ActionButton>
      </div>
    </Form>
  );
}

/** Only the fields that differ go to `payments.edit`; a new currency always restates the amount. */
function changed(before: PaymentDraft, after: PaymentDraft): Omit<CommandInput<'payments.edit'>, 'id'> {
  const edit: Omit<CommandInput<'payments.edit'>, 'id'> = {};
  for (const field of ['from', 'toName', 'toIban', 'toBic', 'amount', 'reference', 'date'] as const) {
    if (after[field] !== before[field] && after[field] !== '') edit[field] = after[field];
  }
  if (after.currency !== before.currency) {
    edit.currency = after.currency;
    edit.amount = after.amount;
  }
  return edit;
}
