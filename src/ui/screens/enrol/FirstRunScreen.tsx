import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { KeyName, type CommandInput } from '../../../api/index.js';
import { ActionButton } from '../../components/ActionButton';
import { KeyIcon } from '../../components/icons';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { Logo } from '../../components/Logo';
import { RefusalNotice } from '../../components/RefusalNotice';
import { TextInput } from '../../components/TextInput';
import { useI18n } from '../../i18n/i18n';
import { callCoffer } from '../../ipc/callCoffer';
import type { Refusal, SessionInfo } from '../../ipc/wire';
import { createCredential } from '../../keys/keyCeremony';

type EnrolmentKey = NonNullable<CommandInput<'bank.enrol'>['keys']>[number];

/**
 * The first-run screen of a fresh vault: the gateway's address, the activation code and, if the user wants,
 * hardware keys registered over `bank.enrol-options` (a challenge bound to this vault's device key), then
 * `bank.enrol`. The code is cleared from the page before the answer is awaited, as the lock screen clears the
 * password; registrations are public keys and stay until sent. On success the shell has reopened the session
 * as the bank's user, and `session.state` says who that is.
 */
export function FirstRunScreen({ onEnrolled }: { onEnrolled(session: SessionInfo): void }) {
  const { t } = useI18n();
  const [server, setServer] = useState('');
  const [code, setCode] = useState('');
  const [keyName, setKeyName] = useState('');
  const [keys, setKeys] = useState<EnrolmentKey[]>([]);
  const [busy, setBusy] = useState<'key' | 'enrol' | undefined>();
  const [refusal, setRefusal] = useState<Refusal | undefined>();
  const parsedName = KeyName.safeParse(keyName);
  const nameError = keyName !== '' && !parsedName.success ? parsedName.error.issues[0]?.message : undefined;

  async function addKey() {
    if (busy !== undefined || !parsedName.success) return;
    setBusy('key');
    setRefusal(undefined);
    try {
      const options = await callCoffer('bank.enrol-options', {});
      if (!options.ok) return setRefusal(options.error);
      const created = await createCredential(options.value.options);
      if (!created.ok) return setRefusal(created.error);
      // The library's JSON type is looser than the app's (transports, extensions); the shell and the app parse it.
      const response = created.value as unknown as EnrolmentKey['response'];
      setKeys((held) => [...held, { response, name: parsedName.data }]);
      setKeyName('');
    } finally {
      setBusy(undefined);
    }
  }

  async function enrol(event: FormEvent) {
    event.preventDefault();
    if (busy !== undefined) return;
    const typed = code;
    setCode('');
    setBusy('enrol');
    setRefusal(undefined);
    try {
      const result = await callCoffer('bank.enrol', { server: server.trim(), code: typed, ...(keys.length > 0 ? { keys } : {}) });
      if (!result.ok) return setRefusal(result.error);
      const state = await callCoffer('session.state', {});
      if (state.ok && !state.value.locked) onEnrolled(state.value);
      else setRefusal(state.ok ? { code: 'DESKTOP_LOCKED', message: '' } : state.error);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <main data-screen="first-run" className="min-h-screen bg-slate-50">
      <div className="flex items-center justify-between px-8 py-6">
        <div className="flex items-center gap-3">
          <Logo />
          <span className="text-xl font-semibold tracking-tight text-slate-900">{t('app.name')}</span>
        </div>
        <LanguageSwitch />
      </div>
      <div className="mx-auto max-w-2xl px-6 pb-16">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t('enrol.title')}</h1>
        <p className="mt-2 text-sm text-slate-700">{t('enrol.subtitle')}</p>
        <Form data-form="enrol" onSubmit={(e) => void enrol(e)} className="mt-8 space-y-6 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
          <TextInput label={t('enrol.server')} description={t('enrol.serverHint')} value={server} onChange={setServer} name="server" type="url" isRequired isDisabled={busy === 'enrol'} />
          <TextInput label={t('enrol.code')} description={t('enrol.codeHint')} value={code} onChange={setCode} name="code" isRequired isDisabled={busy === 'enrol'} inputClassName="font-mono tracking-wider" />
          <section aria-labelledby="enrol-key" className="space-y-3 rounded-xl border border-slate-200 bg-slate-50 p-4">
            <h2 id="enrol-key" className="flex items-center gap-2 text-sm font-semibold text-slate-900">
              <KeyIcon className="size-4 text-emerald-700" />
              {t('enrol.keyTitle')}
            </h2>
            <p className="text-sm text-slate-700">{t('enrol.keyHint')}</p>
            <div className="flex flex-wrap items-end gap-3">
              <TextInput label={t('enrol.keyName')} value={keyName} onChange={setKeyName} error={nameError} name="key-name" className="w-72" />
              <ActionButton isDisabled={busy !== undefined || !parsedName.success || keys.length >= 8} onPress={() => void addKey()}>
                {busy === 'key' ? t('enrol.keyAdding') : t('enrol.keyAdd')}
              </ActionButton>
            </div>
            {keys.length > 0 && (
              <div data-enrol-keys={keys.length} className="text-sm text-slate-800">
                <p className="font-medium">{t('enrol.keysReady')}</p>
                <ul className="mt-1 list-inside list-disc">
                  {keys.map((key) => (
                    <li key={key.response.id}>{key.name}</li>
                  ))}
                </ul>
              </div>
            )}
          </section>
          <div className="flex items-center gap-3">
            <ActionButton type="submit" tone="primary" isDisabled={busy !== undefined}>
              {busy === 'enrol' ? t('enrol.submitting') : t('enrol.submit')}
            </ActionButton>
          </div>
          {refusal && <RefusalNotice refusal={refusal} />}
        </Form>
      </div>
    </main>
  );
}
