import { useI18n } from '../i18n/i18n';
import { explainRefusal } from '../i18n/refusals';
import type { Refusal } from '../ipc/wire';
import { AlertIcon } from './icons';

/** A refusal in words: what happened, what to do, then the shell's detail and the code for support. */
export function RefusalNotice({ refusal, className = '' }: { refusal: Refusal; className?: string }) {
  const { locale, t } = useI18n();
  const { title, action } = explainRefusal(refusal.code, locale);
  return (
    <div role="alert" data-refusal={refusal.code} className={`flex gap-3 rounded-xl border border-rose-200 bg-rose-50 p-4 text-sm text-rose-900 ${className}`}>
      <AlertIcon className="mt-0.5 size-5 shrink-0 text-rose-500" />
      <div className="space-y-1">
        <p className="font-semibold">{title}</p>
        <p>
          <span className="font-medium">{t('refusal.what')}: </span>
          {action}
        </p>
        <p className="text-xs text-rose-800">
          {refusal.message ? `${refusal.message} · ` : ""}{t("refusal.code")} <code className="font-mono">{refusal.code}</code>
        </p>
      </div>
    </div>
  );
}
