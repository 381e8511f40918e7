import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import type { Section } from '../shell/sections';

/** A section that arrives in a later release: what it will do, so the navigation is honest. */
export function Placeholder({ section }: { section: Section }) {
  const { t } = useI18n();
  const Icon = section.icon;
  return (
    <div data-screen={section.id} className="mx-auto max-w-5xl px-8 py-8">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t(section.label)}</h1>
      <div className="mt-8 flex flex-col items-center rounded-2xl border border-dashed border-slate-300 bg-white px-8 py-20 text-center">
        <span className="grid size-14 place-items-center rounded-2xl bg-slate-100 ring-1 ring-slate-200">
          <Icon className="size-7 text-slate-500" />
        </span>
        <p className="mt-5 text-xs font-semibold uppercase tracking-wider text-emerald-700">{t('placeholder.soon')}</p>
        <p className="mt-2 max-w-md text-slate-600">{t(`placeholder.${section.id}` as MessageKey)}</p>
      </div>
    </div>
  );
}
