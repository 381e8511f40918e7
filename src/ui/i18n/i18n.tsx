import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { LOCALES, MESSAGES, type Locale, type MessageKey } from './messages';
import { formatMinor } from './formatMinor';

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  money(minor: number, currency: string, options?: { signDisplay?: 'auto' | 'exceptZero' }): string;
  date(isoDay: string, style?: 'medium' | 'short'): string;
  /** An instant (ISO 8601) in the user's time zone. */
  dateTime(iso: string): string;
  /** A count with the language's grouping (21,000 / 21.000). */
  number(value: number): string;
  /** "Euro", "US-Dollar": the currency's name in the user's language. */
  currencyName(code: string): string;
  /** `one` or `many` by the language's plural rules, with {count} filled in. */
  plural(count: number, one: MessageKey, many: MessageKey): string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

/** Survives the reload that wipes the page at lock, so the lock screen keeps the user's language. */
const LOCALE_KEY = 'coffer.locale';

function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}

/** The language chosen in this window, else the browser's (Chromium takes it from the system), else English. */
function initialLocale(): Locale {
  const chosen = sessionStorage.getItem(LOCALE_KEY);
  if (isLocale(chosen)) return chosen;
  const preferred = navigator.languages.map((tag) => tag.slice(0, 2).toLowerCase());
  return (preferred.find((tag): tag is Locale => (LOCALES as readonly string[]).includes(tag)) ?? 'en');
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(() => {
    const tag = locale === 'de' ? 'de-DE' : 'en-GB';
    const dates = { medium: new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' }), short: new Intl.DateTimeFormat(tag, { day: '2-digit', month: 'short', timeZone: 'UTC' }) };
    const currencies = new Intl.DisplayNames(tag, { type: 'currency' });
    const instants = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'medium' });
    const numbers = new Intl.NumberFormat(tag);
    const plurals = new Intl.PluralRules(tag);
    const text = (key: MessageKey, values?: Record<string, string | number>) => {
      const message = MESSAGES[locale][key];
      return values === undefined ? message : message.replace(/\{(\w+)\}/g, (match, name: string) => String(values[name] ?? match));
    };
    return {
      locale,
      setLocale(next) {
        sessionStorage.setItem(LOCALE_KEY, next);
        setLocaleState(next);
      },
      t: text,
      currencyName: (code) => currencies.of(code) ?? code,
      plural: (count, one, many) => text(plurals.select(count) === 'one' ? one : many, { count: numbers.format(count) }),
      money: (minor, currency, options) => formatMinor(minor, currency, tag, options?.signDisplay),
      date: (isoDay, style = 'medium') => dates[style].format(new Date(`${isoDay}T00:00:00Z`)),
      dateTime: (iso) => instants.format(new Date(iso)),
      number: (value) => numbers.format(value),
    };
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === undefined) throw new Error('useI18n outside I18nProvider');
  return value;
}
