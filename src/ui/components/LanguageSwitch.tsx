import { ToggleButton, ToggleButtonGroup, type Key } from 'react-aria-components';
import { useI18n } from '../i18n/i18n';
import { LOCALES, type Locale } from '../i18n/messages';

/** EN | DE, as a segmented control. */
export function LanguageSwitch({ tone = 'light' }: { tone?: 'light' | 'dark' }) {
  const { locale, setLocale, t } = useI18n();
  const base = tone === 'dark' ? 'text-slate-300 data-[selected]:bg-white/15 data-[selected]:text-white' : 'text-slate-600 data-[selected]:bg-white data-[selected]:text-slate-900 data-[selected]:shadow-sm';
  return (
    <ToggleButtonGroup
      aria-label={t('top.language')}
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={[locale]}
      onSelectionChange={(keys: Set<Key>) => {
        const [next] = [...keys];
        if (next !== undefined) setLocale(next as Locale);
      }}
      className={`inline-flex rounded-lg p-0.5 text-xs font-semibold ${tone === 'dark' ? 'bg-white/5 ring-1 ring-white/10' : 'bg-slate-100 ring-1 ring-slate-200'}`}
    >
      {LOCALES.map((code) => (
        <ToggleButton key={code} id={code} className={`cursor-default rounded-md px-2.5 py-1 uppercase outline-none data-[focus-visible]:ring-2 data-[focus-visible]:ring-emerald-400 ${base}`}>
          {code}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
