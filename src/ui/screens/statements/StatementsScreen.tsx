import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Checkbox, FileTrigger } from 'react-aria-components';
import type { CommandOutput } from '../../../api/index.js';
import { ActionButton } from '../../components/ActionButton';
import { Card, Page } from '../../components/Page';
import { RefusalNotice } from '../../components/RefusalNotice';
import { SelectInput } from '../../components/TextInput';
import { useI18n } from '../../i18n/i18n';
import { callCoffer } from '../../ipc/callCoffer';
import { saveFile } from '../../ipc/saveFile';
import { useCommand } from '../../ipc/useCommand';
import type { Refusal } from '../../ipc/wire';
import { useCan } from '../../session/SessionContext';
import { ImportResult } from './ImportResult';

function StatementImport() {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [accept, setAccept] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CommandOutput<'statements.import'> | undefined>();
  const [refusal, setRefusal] = useState<Refusal | undefined>();

  async function importFile(files: FileList | null) {
    const file = files?.[0];
    if (file === undefined) return;
    setBusy(true);
    setResult(undefined);
    setRefusal(undefined);
    // The bytes go through the door; the shell never learns where the file was.
    const bytes = new Uint8Array(await file.arrayBuffer());
    const answer = await callCoffer('statements.import', { file: { name: file.name.replace(/^\.+/, '') || 'statement', bytes }, ...(accept ? { acceptUnreconciled: true } : {}) });
    setBusy(false);
    if (!answer.ok) return setRefusal(answer.error);
    setResult(answer.value);
    void queries.invalidateQueries();
  }

  return (
    <Card title={t('st.import')} labelledBy="st-import">
      <div className="space-y-4 p-6">
        <p className="text-sm text-slate-700">{t('st.importHint')}</p>
        <div className="flex flex-wrap items-center gap-4">
          <FileTrigger acceptedFileTypes={['.xml', '.csv', '.txt', '.sta', '.mt940', '.zip', '.053', '.052']} onSelect={(files) => void importFile(files)}>
            <ActionButton tone="primary" isDisabled={busy}>{busy ? t('st.importing') : t('st.choose')}</ActionButton>
          </FileTrigger>
          <Checkbox isSelected={accept} onChange={setAccept} className="group flex cursor-default items-center gap-2 text-sm text-slate-800 outline-none">
            <span aria-hidden="true" className="grid size-5 place-items-center rounded border border-slate-400 bg-white group-data-[selected]:border-rose-700 group-data-[selected]:bg-rose-700 group-data-[focus-visible]:ring-4 group-data-[focus-visible]:ring-emerald-500/40">
              <svg viewBox="0 0 12 12" className="size-3.5 fill-none stroke-white stroke-2 opacity-0 group-data-[selected]:opacity-100"><path d="M2.5 6.5 5 9l4.5-6" /></svg>
            </span>
            {t('st.acceptUnreconciled')}
          </Checkbox>
        </div>
        {refusal && <RefusalNotice refusal={refusal} />}
        {result && <ImportResult result={result} />}
      </div>
    </Card>
  );
}

function PainExport() {
  const { t, money } = useI18n();
  const queries = useQueryClient();
  const approved = useCommand('payments.list', { status: 'approved', limit: 1000 });
  const currencies = [...new Set(approved.data?.payments.map((p) => p.currency) ?? [])];
  const [currency, setCurrency] = useState('');
  const chosen = currency || currencies[0] || '';
  const [refusal, setRefusal] = useState<Refusal | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const waiting = approved.data?.payments.filter((p) => p.currency === chosen) ?? [];

  async function exportFile() {
    setRefusal(undefined);
    setDone(undefined);
    const answer = await callCoffer('payments.export', { format: 'pain.001', ...(chosen ? { currency: chosen as 'EUR' } : {}) });
    if (!answer.ok) return setRefusal(answer.error);
    const saved = await saveFile(answer.value.file);
    void queries.invalidateQueries();
    if (saved.saved) setDone(t('st.exported', { count: answer.value.count, name: saved.name, total: money(answer.value.totalMinor, answer.value.currency) }));
    // The payments are queued now whatever became of the file: say so, so nobody exports them twice unknowingly.
    else setRefusal({ code: saved.reason === 'cancelled' ? 'UI_SAVE_CANCELLED' : 'UI_SAVE_FAILED', message: t('st.queuedAnyway', { count: answer.value.count, messageId: answer.value.messageId }) });
  }

  return (
    <Card title={t('st.export')} labelledBy="st-export">
      <div className="space-y-4 p-6">
        <p className="text-sm text-slate-700">{t('st.exportHint')}</p>
        <div className="flex flex-wrap items-end gap-4">
          {currencies.length > 1 && <SelectInput id="st-currency" label={t('pay.currency')} value={chosen} onChange={setCurrency} options={currencies.map((c) => ({ value: c, label: c }))} />}
          <p className="text-sm text-slate-800">{t('st.approvedWaiting', { count: waiting.length })}</p>
          <ActionButton tone="primary" onPress={() => void exportFile()} isDisabled={waiting.length === 0}>{t('st.exportButton')}</ActionButton>
        </div>
        {done && <p role="status" className="rounded-xl border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">{done}</p>}
        {refusal && <RefusalNotice refusal={refusal} />}
      </div>
    </Card>
  );
}

/** Statements in, payment orders out: both as bytes through the door, files picked by the user. */
export function StatementsScreen() {
  const { t } = useI18n();
  const can = useCan();
  return (
    <Page id="statements" title={t('nav.statements')} subtitle={t('st.subtitle')} ready>
      {can('statements.import') && <StatementImport />}
      {can('payments.export') && <PainExport />}
    </Page>
  );
}
