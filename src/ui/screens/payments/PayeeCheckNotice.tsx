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

const BADGE_CLASS: Record<Tone, string> = {
  alert: 'bg-rose-50 text-rose-950 ring-rose-300',
  warn: 'bg-amber-50 text-amber-950 ring-amber-300',
  ok: 'bg-emerald-50 text-emerald-900 ring-emerald-200',
  plain: 'bg-slate-50 text-slate-700 ring-slate-200',
};

/** The same answer in a few words, for lists (the payee list). */
export function PayeeCheckBadge({ check }: { check: PayeeCheckView }) {
  const { t } = useI18n();
  const { tone } = wordsFor(check);
  const kind = check.status === 'checked' ? check.result : check.status;
  return (
    <p data-payee-check={kind} className={`inline-block rounded-lg px-3 py-1.5 text-xs font-medium ring-1 ${BADGE_CLASS[tone]}`}>
      {t(`vop.badge.${kind}`, { registered: check.status === 'checked' ? (check.registeredName ?? '') : '' })}
    </p>
  );
}
