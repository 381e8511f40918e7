import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { AUTO_LOCK_SECONDS } from '../../../api/index.js';
import { ActionButton } from '../../components/ActionButton';
import { Card, Page } from '../../components/Page';
import { RefusalNotice } from '../../components/RefusalNotice';
import { TextInput } from '../../components/TextInput';
import { useI18n } from '../../i18n/i18n';
import { callCoffer, refusalOf } from '../../ipc/callCoffer';
import { useCommand } from '../../ipc/useCommand';
import type { Refusal } from '../../ipc/wire';
import { useCan } from '../../session/SessionContext';

/** A recovery code, shown once because the user asked, and gone from the page when they say so. */
function RecoveryCode({ code, onDone }: { code: string; onDone(): void }) {
  const { t } = useI18n();
  return (
    <div role="alert" className="space-y-2 rounded-xl border-2 border-amber-400 bg-amber-50 p-4 text-sm text-amber-950">
      <p className="font-semibold">{t('set.recoveryShown')}</p>
      <p data-recovery-code className="select-all break-all font-mono text-base">{code}</p>
      <ActionButton onPress={onDone}>{t('set.recoveryDone')}</ActionButton>
    </div>
  );
}

function ChangePassword() {
  const { t } = useI18n();
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | undefined>();
  const [done, setDone] = useState(false);
  const [code, setCode] = useState<string | undefined>();
  const mismatch = again !== '' && again !== next;
  async function change(event: FormEvent) {
    event.preventDefault();
    if (busy || next === '' || mismatch) return;
    const password = next;
    // The fields are emptied before the answer: the page keeps no copy of the new password.
    setNext('');
    setAgain('');
    setBusy(true);
    setRefusal(undefined);
    setDone(false);
    const answer = await callCoffer('vault.passwd', { newPassword: password });
    setBusy(false);
    if (!answer.ok) return setRefusal(answer.error);
    setDone(true);
    if (answer.value.recoveryCode) setCode(answer.value.recoveryCode);
  }
  return (
    <Card title={t('set.password')} labelledBy="set-password">
      <Form onSubmit={(e) => void change(e)} className="grid grid-cols-1 gap-4 p-6 md:grid-cols-[1fr_1fr_auto] md:items-start">
        <TextInput label={t('set.newPassword')} type="password" value={next} onChange={setNext} description={t('set.passwordHint')} />
        <TextInput label={t('set.repeatPassword')} type="password" value={again} onChange={setAgain} error={mismatch ? t('set.mismatch') : undefined} />
        <ActionButton type="submit" tone="primary" className="md:mt-6" isDisabled={busy || next === '' || again !== next}>{busy ? t('set.changing') : t('set.change')}</ActionButton>
      </Form>
      <div className="space-y-3 px-6 pb-6">
        {done && <p role="status" className="rounded-xl border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">{t('set.changed')}</p>}
        {refusal && <RefusalNotice refusal={refusal} />}
        {code && <RecoveryCode code={code} onDone={() => setCode(undefined)} />}
      </div>
    </Card>
  );
}

function AutoLock() {
  const { t } = useI18n();
  const can = useCan();
  const queries = useQueryClient();
  const settings = useCommand('settings.show', {});
  const [minutes, setMinutes] = useState('');
  const [refusal, setRefusal] = useState<Refusal | undefined>();
  const [saved, setSaved] = useState(false);
  const shown = minutes || (settings.data ? String(Math.round(settings.data.autoLockSeconds / 60)) : '');
  const seconds = Number(shown) * 60;
  const invalid = shown !== '' && (!/^\d{1,3}$/.test(shown) || seconds < AUTO_LOCK_SECONDS.min || seconds > AUTO_LOCK_SECONDS.max);
  async function save(event: FormEvent) {
    event.preventDefault();
    if (invalid) return;
    const answer = await callCoffer('settings.set', { autoLockSeconds: seconds });
    if (!answer.ok) return setRefusal(answer.error);
    setRefusal(undefined);
    setSaved(true);
    void queries.invalidateQueries({ queryKey: ['settings.show'] });
  }
  return (
    <Card title={t('set.autoLock')} labelledBy="set-autolock">
      {settings.isError && <RefusalNotice refusal={refusalOf(settings.error)} className="m-6" />}
      <Form onSubmit={(e) => void save(e)} className="flex flex-wrap items-start gap-4 p-6">
        <TextInput
          label={t('set.minutes')}
          value={shown}
          onChange={(value) => { setMinutes(value); setSaved(false); }}
          isReadOnly={!can('settings.set')}
          error={invalid ? t('set.minutesRange', { min: 1, max: AUTO_LOCK_SECONDS.max / 60 }) : undefined}
          description={can('settings.set') ? t('set.autoLockHint') : t('set.autoLockAdmin')}
        />
        {can('settings.set') && <ActionButton type="submit" tone="primary" className="mt-6" isDisabled={invalid}>{t('set.save')}</ActionButton>}
      </Form>
      {saved && <p role="status" className="mx-6 mb-6 rounded-xl border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">{t('set.autoLockSaved')}</p>}
      {refusal && <RefusalNotice refusal={refusal} className="mx-6 mb-6" />}
    </Card>
  );
}

function NewRecoveryCode() {
  const { t } = useI18n();
  const [code, setCode] = useState<string | undefined>();
  const [refusal, setRefusal] = useState<Refusal | undefined>();
  async function issue() {
    const answer = await callCoffer('vault.recovery-code', {});
    if (!answer.ok) return setRefusal(answer.error);
    setRefusal(undefined);
    setCode(answer.value.recoveryCode);
  }
  return (
    <Card title={t('set.recovery')} labelledBy="set-recovery">
      <div className="space-y-3 p-6">
        <p className="text-sm text-slate-700">{t('set.recoveryHint')}</p>
        {!code && <ActionButton onPress={() => void issue()}>{t('set.recoveryIssue')}</ActionButton>}
        {code && <RecoveryCode code={code} onDone={() => setCode(undefined)} />}
        {refusal && <RefusalNotice refusal={refusal} />}
      </div>
    </Card>
  );
}

function About() {
  const { t, number } = useI18n();
  const vault = useCommand('vault.show', {});
  if (vault.isError) return <RefusalNotice refusal={refusalOf(vault.error)} />;
  const browser = navigator.userAgent.match(/Chrom(?:e|ium)\/[\d.]+/)?.[0] ?? navigator.userAgent;
  return (
    <Card title={t('set.about')} labelledBy="set-about">
      {vault.data && (
        <dl className="grid grid-cols-1 gap-3 p-6 text-sm md:grid-cols-3">
          <div><dt className="text-slate-600">{t('set.vaultId')}</dt><dd className="break-all font-mono text-xs">{vault.data.vaultId}</dd></div>
          <div><dt className="text-slate-600">{t('set.user')}</dt><dd>{vault.data.userId} · {vault.data.roles.join(', ')}</dd></div>
          <div><dt className="text-slate-600">{t('set.policy')}</dt><dd>{t(`set.policy.${vault.data.policy.status}`)}</dd></div>
          <div><dt className="text-slate-600">{t('set.schema')}</dt><dd>{vault.data.schemaVersion}</dd></div>
          <div><dt className="text-slate-600">{t('set.slots')}</dt><dd>{vault.data.slots.map((slot) => `${slot.kind} (${slot.state}, ${number(slot.kdfIterations)})`).join(' · ')}</dd></div>
          <div><dt className="text-slate-600">{t('set.browser')}</dt><dd>{browser}</dd></div>
          <div className="md:col-span-3"><dt className="text-slate-600">{t('set.rows')}</dt><dd>{Object.entries(vault.data.rows).map(([table, count]) => `${table} ${number(count)}`).join(' · ')}</dd></div>
          <div className="md:col-span-3"><dt className="text-slate-600">{t('set.doctor')}</dt><dd>{t('set.doctorHint')}</dd></div>
        </dl>
      )}
    </Card>
  );
}

export function SettingsScreen() {
  const { t } = useI18n();
  const can = useCan();
  return (
    <Page id="settings" title={t('nav.settings')} subtitle={t('set.subtitle')} ready>
      {can('vault.passwd') && <ChangePassword />}
      <AutoLock />
      {can('vault.recovery-code') && <NewRecoveryCode />}
      <About />
    </Page>
  );
}
