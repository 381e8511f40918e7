import { useState, type FormEvent } from 'react';
import { Checkbox, Form } from 'react-aria-components';
import { KeyName, type CommandInput } from '../../../api/index.js';
import { ActionButton } from '../../components/ActionButton';
import { Card } from '../../components/Page';
import { RefusalNotice } from '../../components/RefusalNotice';
import { TextInput } from '../../components/TextInput';
import { useI18n } from '../../i18n/i18n';
import { callCoffer } from '../../ipc/callCoffer';
import type { Refusal } from '../../ipc/wire';
import { enableUnlock } from '../../keys/enableUnlock';
import { createCredential, type Assertion } from '../../keys/keyCeremony';
import { useStepUp } from '../../keys/StepUp';

type RegistrationIn = CommandInput<'keys.register'>['response'];

/**
 * Enrolment: a name, then the browser's create() with the app's options, then `keys.register`. Once the user
 * has a key, that key confirms first (a step-up), in a step of its own: the new key's registration challenge
 * is used up by the first attempt, so the proof must be at hand before it is sent.
 */
export function EnrolKey({ hasKeys, onDone }: { hasKeys: boolean; onDone(message: string): void }) {
  const { t } = useI18n();
  const stepUp = useStepUp();
  const [name, setName] = useState('');
  const [unlock, setUnlock] = useState(true);
  const [proof, setProof] = useState<Assertion['proof'] | undefined>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | undefined>();
  const parsedName = KeyName.safeParse(name);
  const nameError = name !== '' && !parsedName.success ? parsedName.error.issues[0]?.message : undefined;
  const needsConfirmation = hasKeys && proof === undefined;

  async function confirm() {
    setBusy(true);
    setRefusal(undefined);
    const assertion = await stepUp.askKey({ what: t('keys.confirmAdd') });
    setBusy(false);
    if (!assertion.ok) return setRefusal(assertion.error);
    setProof(assertion.value.proof);
  }

  async function register(event: FormEvent) {
    event.preventDefault();
    if (busy || !parsedName.success || needsConfirmation) return;
    setBusy(true);
    setRefusal(undefined);
    try {
      const options = await callCoffer('keys.register-options', {});
      if (!options.ok) return setRefusal(options.error);
      const created = await createCredential(options.value.options);
      if (!created.ok) return setRefusal(created.error);
      // The library's JSON type is looser than the app's (transports, extensions); the shell and the app parse it.
      const response = created.value as unknown as RegistrationIn;
      const result = await callCoffer('keys.register', { response, name: parsedName.data }, undefined, proof);
      setProof(undefined);
      if (!result.ok) return setRefusal(result.error);
      const key = result.value;
      setName('');
      if (!key.prfCapable) return onDone(t('keys.enrolledNoPrf', { name: key.name }));
      if (!unlock) return onDone(t('keys.enrolled', { name: key.name }));
      const enabled = await enableUnlock(stepUp, key.id, t('keys.confirmUnlock', { name: key.name }));
      onDone(t(enabled.ok ? 'keys.enrolledUnlocks' : 'keys.enrolled', { name: key.name }));
      if (!enabled.ok) setRefusal(enabled.error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('keys.add')} labelledBy="keys-add">
      <Form data-form="enrol-key" onSubmit={(e) => void register(e)} className="space-y-4 p-6">
        <p className="text-sm text-slate-700">{t('keys.addHint')}</p>
        <div className="flex flex-wrap items-start gap-4">
          <TextInput label={t('keys.name')} value={name} onChange={setName} error={nameError} className="w-80" />
          <Checkbox isSelected={unlock} onChange={setUnlock} className="group mt-8 flex items-center gap-2 text-sm text-slate-800 outline-none">
            <span aria-hidden="true" className="flex size-4 items-center justify-center rounded border border-slate-400 group-data-[selected]:border-emerald-700 group-data-[selected]:bg-emerald-700 group-data-[focus-visible]:ring-4 group-data-[focus-visible]:ring-emerald-500/40">
              <span className="hidden size-2 rounded-sm bg-white group-data-[selected]:block" />
            </span>
            {t('keys.alsoUnlock')}
          </Checkbox>
        </div>
        {hasKeys && <p className="text-sm text-slate-700">{proof === undefined ? t('keys.confirmFirst') : t('keys.confirmed')}</p>}
        <div className="flex gap-2">
          {needsConfirmation ? (
            <ActionButton tone="primary" isDisabled={busy} onPress={() => void confirm()}>{t('keys.confirmButton')}</ActionButton>
          ) : (
            <ActionButton type="submit" tone="primary" isDisabled={busy || !parsedName.success}>{hasKeys ? t('keys.registerButton') : t('keys.addButton')}</ActionButton>
          )}
        </div>
        {refusal && <RefusalNotice refusal={refusal} />}
      </Form>
    </Card>
  );
}
