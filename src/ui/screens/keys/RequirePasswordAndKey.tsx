import { useState } from 'react';
import type { CommandOutput } from '../../../api/index.js';
import { ActionButton } from '../../components/ActionButton';
import { Card } from '../../components/Page';
import { RefusalNotice } from '../../components/RefusalNotice';
import { TextInput } from '../../components/TextInput';
import { useI18n } from '../../i18n/i18n';
import { callCoffer } from '../../ipc/callCoffer';
import type { Refusal } from '../../ipc/wire';
import { useStepUp } from '../../keys/StepUp';

type KeyList = CommandOutput<'keys.list'>;

/** PRF inputs are 32 random bytes (WebAuthn L3 §10.1.4); the slot keeps the input, the key keeps the secret. */
const PRF_INPUT_BYTES = 32;
const base64Url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * Where the organisation policy asks that the vault open with the password and a hardware key together
 * (`keys.list` → `unlock.required`), and it still opens with either alone: the password is typed, one touch of
 * a PRF-capable key answers the step-up and the PRF, and `keys.require-password-and-key` replaces the slots
 * (docs/vault.md). The password leaves the field before the key is asked and is kept nowhere.
 */
export function RequirePasswordAndKey({ list, onDone }: { list: KeyList; onDone(message: string): void }) {
  const { t } = useI18n();
  const stepUp = useStepUp();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | undefined>();
  const candidates = list.keys.filter((key) => key.prfCapable);
  if (list.unlock.required !== 'password-and-key' || list.unlock.current === 'password-and-key') return null;

  async function turnOn(id: string, name: string) {
    const typed = password;
    setPassword('');
    if (typed.length === 0) return setRefusal({ code: 'UI_EMPTY_PASSWORD', message: '' });
    setBusy(true);
    setRefusal(undefined);
    try {
      const prfInput = crypto.getRandomValues(new Uint8Array(PRF_INPUT_BYTES));
      const assertion = await stepUp.askKey({ what: t('keys.confirmBoth', { name }), allowOnly: id, prfInput });
      if (!assertion.ok) return setRefusal(assertion.error);
      const { proof, prfOutput } = assertion.value;
      if (prfOutput === undefined) return setRefusal({ code: 'UI_KEY_NO_PRF', message: '' });
      const result = await callCoffer('keys.require-password-and-key', { id, prfInput: base64Url(prfInput), prfOutput, password: typed }, undefined, proof);
      if (!result.ok) return setRefusal(result.error);
      onDone(t('keys.bothOn', { name }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('keys.bothTitle')} labelledBy="keys-both">
      <div data-require="password-and-key" className="space-y-4 p-6 text-sm">
        <p className="text-slate-700">{t('keys.bothWhy')}</p>
        {candidates.length === 0 ? (
          <p className="text-slate-700">{t('keys.bothNoKey')}</p>
        ) : (
          <>
            <TextInput label={t('lock.password')} type="password" value={password} onChange={setPassword} isDisabled={busy} className="max-w-sm" />
            <div className="flex flex-wrap gap-2">
              {candidates.map((key) => (
                <ActionButton key={key.id} tone="primary" isDisabled={busy} onPress={() => void turnOn(key.id, key.name)}>{t('keys.bothButton', { name: key.name })}</ActionButton>
              ))}
            </div>
          </>
        )}
        {refusal && <RefusalNotice refusal={refusal} />}
      </div>
    </Card>
  );
}
