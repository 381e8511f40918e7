import { useI18n } from '../../i18n/i18n';
import type { CommandOutput } from '../../../api/index.js';
import { formatIban } from '../balanceTrend';

type Result = CommandOutput<'statements.import'>;

/** What an import booked, statement by statement, with its reconciliation said loudly. */
export function ImportResult({ result }: { result: Result }) {
  const { t } = useI18n();
  return (
    <div data-import-result className="space-y-4">
      <p role="status" className="text-sm font-medium text-slate-900">
        {t('st.summary', { file: result.file, imported: result.imported, skipped: result.skipped })}
      </p>
      {result.statements.map((statement) => {
        const { status } = statement.reconciliation;
        const tone = status === 'reconciled' ? 'border-emerald-300 bg-emerald-50 text-emerald-950' : status === 'differs' ? 'border-rose-400 bg-rose-50 text-rose-950' : 'border-amber-300 bg-amber-50 text-amber-950';
        return (
          <section key={`${statement.source.member ?? ''}-${statement.source.index}`} data-reconciliation={status} aria-label={statement.statementId ?? statement.format} className={`rounded-xl border-2 p-4 text-sm ${tone}`}>
            <p className="text-base font-semibold">{t(`st.reconciliation.${status}`)}{statement.acceptedUnreconciled ? ` · ${t('st.acceptedAnyway')}` : ''}</p>
            <p className="mt-1">
              {statement.format} · {statement.statementId ?? '—'} · {statement.account.name} ({formatIban(statement.account.iban)}) · {t('st.counts', { entries: statement.entries, imported: statement.imported })} · {t('st.net', { amount: `${statement.importedNet.amount} ${statement.importedNet.currency}` })}
            </p>
            {statement.reconciliation.checks.filter((check) => !check.ok).map((check) => (
              <p key={check.check} className="mt-1 font-medium">{check.check}: {t('st.expectedFound', { expected: check.expectedText, found: check.foundText })} — {check.message}</p>
            ))}
            {statement.reconciliation.notChecked.map((line) => <p key={line} className="mt-1">{t('st.notChecked')}: {line}</p>)}
            {statement.skipped.map((group) => <p key={group.reason + group.entries} className="mt-1">{group.message}</p>)}
            {statement.warnings.map((warning) => <p key={warning.code + warning.where} className="mt-1">{warning.message}</p>)}
          </section>
        );
      })}
      {result.accounts.map((account) => (
        <p key={account.iban} className="text-sm text-slate-700">{t('st.balanceAfter', { account: formatIban(account.iban), balance: `${account.balance.amount} ${account.balance.currency}` })}</p>
      ))}
    </div>
  );
}
