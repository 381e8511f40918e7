import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { COMMAND_SPECS } from '../../../api/index.js';
import { ActionButton } from '../../components/ActionButton';
import { Card, Page } from '../../components/Page';
import { RefusalNotice } from '../../components/RefusalNotice';
import { TextInput } from '../../components/TextInput';
import { useI18n } from '../../i18n/i18n';
import { callCoffer, refusalOf } from '../../ipc/callCoffer';
import { useCommand } from '../../ipc/useCommand';
import type { Payee, Refusal } from '../../ipc/wire';
import { useCan } from '../../session/SessionContext';
import { formatIban } from '../balanceTrend';
import { fieldErrors } from '../fieldErrors';
import { PayeeCheckBadge } from '../payments/PayeeCheckNotice';

function AddPayee({ onAdded }: { onAdded(payee: Payee): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [iban, setIban] = useState('');
  const [bic, setBic] = useState('');
  const [refusal, setRefusal] = useState<Refusal | undefined>();
  const input = { name, iban, ...(bic.trim() ? { bic } : {}) };
  const errors = fieldErrors(COMMAND_SPECS['payees.add'].input, input);
  // Shown once something is typed: an empty form is not an error yet.
  const shown = (field: string, value: string) => (value === '' ? undefined : errors[field]);

  async function add(event: FormEvent) {
    event.preventDefault();
    if (Object.keys(errors).length > 0) return;
    const result = await callCoffer('payees.add', input);
    if (!result.ok) return setRefusal(result.error);
    setRefusal(undefined);
    setName('');
    setIban('');
    setBic('');
    onAdded(result.value);
  }

  return (
    <Card title={t('payees.add')} labelledBy="payees-add">
      <Form onSubmit={(e) => void add(e)} className="grid grid-cols-1 gap-4 p-6 md:grid-cols-[2fr_2fr_1fr_auto] md:items-start">
        <TextInput label={t('payees.name')} value={name} onChange={setName} error={shown('name', name)} />
        <TextInput label={t('payees.iban')} value={iban} onChange={setIban} error={shown('iban', iban)} inputClassName="font-mono" />
        <TextInput label={t('payees.bic')} value={bic} onChange={setBic} error={shown('bic', bic)} inputClassName="font-mono" description={t('payees.bicOptional')} />
        <ActionButton type="submit" tone="primary" className="md:mt-6" isDisabled={Object.keys(errors).length > 0}>{t('payees.addButton')}</ActionButton>
      </Form>
      {refusal && <RefusalNotice refusal={refusal} className="mx-6 mb-6" />}
    </Card>
  );
}

/** The beneficiaries; a name shared with another IBAN is flagged, as the app reports it. */
export function PayeesScreen() {
  const { t } = useI18n();
  const can = useCan();
  const queries = useQueryClient();
  const payees = useCommand('payees.list', {});
  const [added, setAdded] = useState<Payee | undefined>();
  return (
    <Page id="payees" title={t('nav.payees')} subtitle={t('payees.subtitle')} ready={payees.isSuccess}>
      {can('payees.add') && (
        <AddPayee
          onAdded={(payee) => {
            setAdded(payee);
            void queries.invalidateQueries({ queryKey: ['payees.list'] });
          }}
        />
      )}
      {added && (
        <p role="status" className={`rounded-xl border p-3 text-sm ${added.sameNameOtherIban.length > 0 ? 'border-amber-300 bg-amber-50 text-amber-950' : 'border-emerald-200 bg-emerald-50 text-emerald-900'}`}>
          {added.sameNameOtherIban.length > 0 ? t('payees.addedLookAlike', { name: added.name }) : t('payees.added', { name: added.name })}
        </p>
      )}
      {payees.isError && <RefusalNotice refusal={refusalOf(payees.error)} />}
      {payees.data && (
        <Card title={t('payees.list')} labelledBy="payees-list">
          <ul data-list="payees" className="divide-y divide-slate-100">
            {payees.data.payees.map((payee) => (
              <li key={payee.id} data-payee={payee.id} className="flex flex-wrap items-center gap-4 px-6 py-3.5">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium text-slate-900">{payee.name}</p>
                  <p className="font-mono text-xs text-slate-600">{formatIban(payee.iban)}{payee.bic ? ` · ${payee.bic}` : ''}</p>
                </div>
                <PayeeCheckBadge check={payee.payeeCheck} />
                {payee.sameNameOtherIban.length > 0 && (
                  <p data-flag="same-name" className="max-w-md rounded-lg bg-amber-50 px-3 py-1.5 text-xs font-medium text-amber-950 ring-1 ring-amber-300">
                    {t('payees.sameName', { ibans: payee.sameNameOtherIban.map((other) => formatIban(other.iban)).join(', ') })}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </Page>
  );
}
