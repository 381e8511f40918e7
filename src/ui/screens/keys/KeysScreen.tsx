import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { KeyName, type CommandOutput } from '../../../api/index.js';
import { ActionButton } from '../../components/ActionButton';
import { Card, Page } from '../../components/Page';
import { RefusalNotice } from '../../components/RefusalNotice';
import { TextInput } from '../../components/TextInput';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { callCoffer, refusalOf } from '../../ipc/callCoffer';
import { useCommand } from '../../ipc/useCommand';
import type { Refusal } from '../../ipc/wire';
import { enableUnlock } from '../../keys/enableUnlock';
import { useStepUp } from '../../keys/StepUp';
import { EnrolKey } from './EnrolKey';
import { RequirePasswordAndKey } from './RequirePasswordAndKey';

type Key = CommandOutput<'keys.list'>['keys'][number];

const TRANSPORTS = new Set(['usb', 'nfc', 'ble', 'internal', 'hybrid']);

/** Whether the key unlocks the vault, and for a key that cannot, why (issue 12: the UI says why). */
function UnlockState({ keyInfo, withPassword, onEnable }: { keyInfo: Key; withPassword: boolean; onEnable(): void }) {
  const { t } = useI18n();
  if (keyInfo.unlocks) return <span data-unlock={withPassword ? 'with-password' : 'yes'} className="font-medium text-emerald-800">{t(withPassword ? 'keys.unlocksWithPassword' : 'keys.unlocks')}</span>;
  if (!keyInfo.prfCapable) return <span data-unlock="no-prf" className="text-slate-700">{t('keys.noPrf')}</span>;
  return (
    <span data-unlock="off" className="flex flex-wrap items-center gap-2 text-slate-700">
      {t('keys.canUnlock')}
      <ActionButton tone="quiet" className="px-2 py-1" onPress={onEnable}>{t('keys.enableUnlock')}</ActionButton>
    </span>
  );
}

function RenameKey({ keyInfo, onDone, onRefused }: { keyInfo: Key; onDone(message: string): void; onRefused(refusal: Refusal): void }) {
  const { t } = useI18n();
  const [name, setName] = useState(keyInfo.name);
  const parsed = KeyName.safeParse(name);
  async function save(event: FormEvent) {
    event.preventDefault();
    if (!parsed.success) return;
    const result = await callCoffer('keys.rename', { id: keyInfo.id, name: parsed.data });
    if (!result.ok) return onRefused(result.error);
    onDone(t('keys.renamed', { name: result.value.name }));
  }
  return (
    <Form onSubmit={(e) => void save(e)} className="flex items-start gap-2">
      <TextInput label={t('keys.newName', { name: keyInfo.name })} value={name} onChange={setName} error={name !== '' && !parsed.success ? parsed.error.issues[0]?.message : undefined} autoFocus />
      <ActionButton type="submit" className="mt-6" isDisabled={!parsed.success}>{t('keys.saveName')}</ActionButton>
    </Form>
  );
}

/** Hardware keys: list, enrol, rename, remove, and let a PRF key unlock the vault. */
export function KeysScreen() {
  const { t, dateTime } = useI18n();
  const queries = useQueryClient();
  const stepUp = useStepUp();
  const list = useCommand('keys.list', {});
  const [renaming, setRenaming] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [refusal, setRefusal] = useState<Refusal | undefined>();
  const keys = list.data?.keys ?? [];

  const finished = (message: string) => {
    setDone(message);
    setRenaming(undefined);
    void queries.invalidateQueries({ queryKey: ['keys.list'] });
  };
  async function act(run: () => Promise<{ ok: true } | { ok: false; error: Refusal }>, message: string) {
    setDone(undefined);
    setRefusal(undefined);
    const result = await run();
    if (!result.ok) {
      setRefusal(result.error);
      void queries.invalidateQueries({ queryKey: ['keys.list'] });
      return;
    }
    finished(message);
  }
  const remove = (key: Key) => act(() => stepUp.withStepUp('keys.remove', { id: key.id }, t('keys.confirmRemove', { name: key.name })), t('keys.removed', { name: key.name }));
  const unlock = (key: Key) => act(() => enableUnlock(stepUp, key.id, t('keys.confirmUnlock', { name: key.name })), t('keys.unlockEnabled', { name: key.name }));
  const transport = (name: string) => (TRANSPORTS.has(name) ? t(`keys.transport.${name}` as MessageKey) : name);

  return (
    <Page id="keys" title={t('nav.keys')} subtitle={t('keys.subtitle')} ready={list.isSuccess}>
      {list.isError && <RefusalNotice refusal={refusalOf(list.error)} />}
      <Card title={t('keys.list')} labelledBy="keys-list">
        {keys.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">{t('keys.none')}</p>
        ) : (
          <ul data-list="keys" className="divide-y divide-slate-100">
            {keys.map((key) => (
              <li key={key.id} data-key={key.name} className="grid grid-cols-1 gap-3 px-6 py-4 text-sm md:grid-cols-[1.2fr_0.8fr_1fr_2fr_auto] md:items-center">
                <div>
                  <p className="font-semibold text-slate-900">
                    {key.name}
                    {key.demo && <span data-demo className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">{t('keys.demo')}</span>}
                  </p>
                  {key.demo && <p className="text-xs text-amber-900">{t('keys.demoWhy')}</p>}
                  <p className="text-xs text-slate-600">{t('keys.added')} {dateTime(key.createdAt)}</p>
                </div>
                <p><span className="sr-only">{t('keys.transports')}: </span><span data-transports>{key.transports.map(transport).join(', ') || '—'}</span></p>
                <p><span className="text-slate-600">{t('keys.lastUsed')}: </span><span data-last-used>{key.lastUsedAt ? dateTime(key.lastUsedAt) : t('keys.never')}</span></p>
                <UnlockState keyInfo={key} withPassword={list.data?.unlock.current === 'password-and-key'} onEnable={() => void unlock(key)} />
                <div className="flex gap-2">
                  <ActionButton tone="quiet" aria-label={`${t('keys.rename')}: ${key.name}`} onPress={() => setRenaming(renaming === key.id ? undefined : key.id)}>{t('keys.rename')}</ActionButton>
                  <ActionButton tone="danger" aria-label={`${t('keys.remove')}: ${key.name}`} onPress={() => void remove(key)}>{t('keys.remove')}</ActionButton>
                </div>
                {renaming === key.id && (
                  <div className="md:col-span-5">
                    <RenameKey keyInfo={key} onDone={finished} onRefused={setRefusal} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        <div className="space-y-3 px-6 pb-6 empty:hidden">
          {done && <p role="status" className="rounded-xl border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">{done}</p>}
          {refusal && <RefusalNotice refusal={refusal} />}
        </div>
      </Card>
      {list.data && <RequirePasswordAndKey list={list.data} onDone={finished} />}
      {list.isSuccess && <EnrolKey hasKeys={keys.length > 0} onDone={finished} />}
    </Page>
  );
}
