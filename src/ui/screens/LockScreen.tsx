import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, Form, Input, Label, TextField } from 'react-aria-components';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Logo } from '../components/Logo';
import { RefusalNotice } from '../components/RefusalNotice';
import { LockIcon, LogIcon, OfflineIcon, ShieldIcon } from '../components/icons';
import { useI18n } from '../i18n/i18n';
import { callCoffer } from '../ipc/callCoffer';
import type { KeyUnlockOptions, Refusal, SessionInfo } from '../ipc/wire';
import { askKeyToUnlock } from '../session/askKeyToUnlock';

/**
 * The password goes to the shell once and is forgotten here: the field is emptied before the answer is
 * awaited, and nothing else keeps it (no storage; the shell never sends it back). Where a hardware key opens
 * the vault (a `webauthn-prf` slot), "Unlock with your key" asks the key for its PRF output and hands it
 * straight to the shell: it lives in one local variable of `unlockWithKey` and never in component state.
 * Where the vault opens with the password and a key together (a `password-and-key` slot), Unlock asks the key
 * after the password is typed and sends both in one message.
 */
export function LockScreen({ onUnlocked, autoLocked }: { onUnlocked: (session: SessionInfo) => void; autoLocked: boolean }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | undefined>();
  const [keyOptions, setKeyOptions] = useState<KeyUnlockOptions | undefined>();

  useEffect(() => {
    let current = true;
    // No key slot, or an unreadable vault.keys: the password alone is offered (the password answer explains the rest).
    void callCoffer('session.unlock-options', {}).then((result) => {
      if (current && result.ok && result.value.keys.length > 0) setKeyOptions(result.value);
    });
    return () => {
      current = false;
    };
  }, []);

  async function unlockWithKey() {
    if (busy || keyOptions === undefined) return;
    setBusy(true);
    setRefusal(undefined);
    const answer = await askKeyToUnlock(keyOptions);
    const result = answer.ok ? await callCoffer('session.unlock-key', answer.value) : answer;
    setBusy(false);
    if (result.ok) onUnlocked(result.value);
    else setRefusal(result.error);
  }

  async function unlock(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const typed = password;
    setPassword('');
    if (typed.length === 0) {
      setRefusal({ code: 'UI_EMPTY_PASSWORD', message: '' });
      return;
    }
    setBusy(true);
    setRefusal(undefined);
    // Where the vault opens with the password and a key together, the key is asked next and both go at once.
    const both = keyOptions?.passwordAndKey === true ? keyOptions : undefined;
    const answer = both === undefined ? undefined : await askKeyToUnlock(both);
    const result =
      answer === undefined ? await callCoffer('session.unlock', { password: typed }) : answer.ok ? await callCoffer('session.unlock-key', { ...answer.value, password: typed }) : answer;
    setBusy(false);
    if (result.ok) onUnlocked(result.value);
    else {
      setRefusal(result.error);
      input.current?.focus();
    }
  }

  const assurances = [
    { icon: ShieldIcon, text: t('lock.assurance.encrypted') },
    { icon: OfflineIcon, text: t('lock.assurance.offline') },
    { icon: LogIcon, text: t('lock.assurance.audited') },
  ];

  return (
    <main data-screen="lock" className="grid min-h-screen grid-cols-1 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
      <section className="relative hidden flex-col justify-between overflow-hidden bg-ink-950 p-12 text-white lg:flex">
        <div className="pointer-events-none absolute -right-32 -top-32 size-[28rem] rounded-full bg-emerald-500/10 blur-3xl" />
        <div className="pointer-events-none absolute -bottom-40 -left-20 size-[26rem] rounded-full bg-sky-500/10 blur-3xl" />
        <div className="relative flex items-center gap-3">
          <Logo />
          <span className="text-xl font-semibold tracking-tight">{t('app.name')}</span>
        </div>
        <div className="relative space-y-8">
          <h1 className="max-w-md text-4xl font-semibold leading-tight tracking-tight">{t('app.tagline')}</h1>
          <ul className="space-y-4">
            {assurances.map(({ icon: Icon, text }) => (
              <li key={text} className="flex items-center gap-3 text-slate-300">
                <span className="grid size-9 place-items-center rounded-lg bg-white/5 ring-1 ring-white/10">
                  <Icon className="size-5 text-emerald-400" />
                </span>
                {text}
              </li>
            ))}
          </ul>
        </div>
        <p className="relative text-xs text-slate-400">{location.host}</p>
      </section>

      <section className="flex flex-col bg-white">
        <div className="flex justify-end p-6">
          <LanguageSwitch />
        </div>
        <div className="flex flex-1 items-center justify-center px-6 pb-24">
          <div className="w-full max-w-sm">
            <div className="mb-8 grid size-12 place-items-center rounded-xl bg-emerald-50 ring-1 ring-emerald-100">
              <LockIcon className="size-6 text-emerald-600" />
            </div>
            <h2 className="text-2xl font-semibold tracking-tight text-slate-900">{t('lock.title')}</h2>
            <p className="mt-2 text-sm text-slate-500">{t('lock.subtitle')}</p>
            {keyOptions?.passwordAndKey === true && (
              <p data-unlock="password-and-key" className="mt-4 rounded-xl border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-950">{t('lock.bothHint')}</p>
            )}
            {autoLocked && refusal === undefined && (
              <p role="status" className="mt-6 rounded-xl border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900">
                {t('lock.autoLocked')}
              </p>
            )}
            <Form onSubmit={unlock} className="mt-8 space-y-5">
              <TextField name="password" type="password" value={password} onChange={setPassword} autoFocus isDisabled={busy} className="space-y-1.5">
                <Label className="text-sm font-medium text-slate-700">{t('lock.password')}</Label>
                <Input
                  ref={input}
                  autoComplete="off"
                  spellCheck={false}
                  className="block w-full rounded-lg border border-slate-300 bg-white px-3.5 py-2.5 text-slate-900 shadow-sm outline-none transition placeholder:text-slate-400 data-[focused]:border-emerald-500 data-[focused]:ring-4 data-[focused]:ring-emerald-500/15"
                />
              </TextField>
              <Button
                type="submit"
                isDisabled={busy}
                className="flex w-full items-center justify-center gap-2 rounded-lg bg-emerald-700 px-4 py-2.5 font-semibold text-white shadow-sm outline-none transition data-[hovered]:bg-emerald-800 data-[pressed]:bg-emerald-900 data-[focus-visible]:ring-4 data-[focus-visible]:ring-emerald-500/30 data-[disabled]:opacity-70"
              >
                {busy ? t('lock.unlocking') : t('lock.unlock')}
              </Button>
            </Form>
            {keyOptions && !keyOptions.passwordAndKey && (
              <div data-unlock="key" className="mt-5 space-y-3">
                <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-slate-500">
                  <span className="h-px flex-1 bg-slate-200" />
                  {t('lock.orKey')}
                  <span className="h-px flex-1 bg-slate-200" />
                </div>
                <Button
                  onPress={() => void unlockWithKey()}
                  isDisabled={busy}
                  className="flex w-full items-center justify-center gap-2 rounded-lg border border-slate-300 bg-white px-4 py-2.5 font-semibold text-slate-800 shadow-sm outline-none transition data-[hovered]:bg-slate-50 data-[pressed]:bg-slate-100 data-[focus-visible]:ring-4 data-[focus-visible]:ring-emerald-500/30 data-[disabled]:opacity-70"
                >
                  <ShieldIcon className="size-5 text-emerald-700" />
                  {busy ? t('lock.withKeyBusy') : t('lock.withKey')}
                </Button>
                <p className="text-xs text-slate-500">{t('lock.withKeyHint')}</p>
              </div>
            )}
            {refusal && <RefusalNotice refusal={refusal} className="mt-6" />}
          </div>
        </div>
      </section>
    </main>
  );
}
