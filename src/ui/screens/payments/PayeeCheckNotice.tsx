import type { PayeeCheckView } from '../../../api/index.js';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

type Tone = 'alert' | 'warn' | 'ok' | 'plain';

const TONE_CLASS: Record<Tone, string> = {
  alert: 'border-2 border-rose-300 bg-rose-50 text-rose-950',
  warn: 'border border-amber-300 bg-amber-50 text-amber-950',
  ok: 'border border-emerald-200 bg-emerald-50 text-emerald-950',
  plain: 'border border-slate-200 bg-slate-50 text-slate-800',
};

function wordsFor(check: PayeeCheckView): { tone: Tone; text: MessageKey; action?: MessageKey } {
  if (check.status === 'not-checked') return { tone: 'plain', text: 'vop.notChecked' };
  if (check.status === 'tampered') return { tone: 'alert', text: 'vop.tampered', action: 'vop.tamperedAction' };
  switch (check.result) {
    case 'match':
      return { tone: 'ok', text: 'vop.match' };
    case 'close-match':
      return { tone: 'warn', text: 'vop.closeMatch', action: 'vop.closeMatchAction' };
    case 'no-match':
      return { tone: 'alert', text: 'vop.noMatch', action: 'vop.noMatchAction' };
    case 'not-possible':
      return { tone: 'plain', text: 'vop.notPossible' };
  }
}

/**
 * The bank's Verification of Payee answer for a payment's creditor, in plain words, where maker and approver
 * look before they sign. A no match and a check that does not verify are an alert (announced to screen
 * readers); nothing here blocks the payment, as the regulation leaves the decision to the payer.
 */
export function PayeeCheckNotice({ check }: { check: PayeeCheckView }) {
  const { t, dateTime } = useI18n();
  const { tone, text, action } = wordsFor(check);
  const kind = check.status === 'checked' ? check.result : check.status;
  return (
    <div data-payee-check={kind} role={tone === 'alert' ? 'alert' : undefined} className={`rounded-xl p-3 text-sm ${TONE_CLASS[tone]}`}>
      <p className="font-semibold">
        {t('vop.title')}: {t(text, { registered: check.status === 'checked' ? (check.registeredName ?? '') : '' })}
      </p>
      {action && <p className="mt-1">{t(action)}</p>}
      {check.status === 'checked' && <p className="mt-1 text-xs opacity-80">{t('vop.checkedAt', { date: dateTime(check.checkedAt) })}</p>}
    </div>
  );
}
