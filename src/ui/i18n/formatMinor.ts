const digitsCache = new Map<string, number>();

/** ISO 4217 minor digits as Intl knows them (EUR 2, JPY 0, BHD 3). */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** Minor units as exact decimal text ("-1234.05"): no float ever carries the amount. */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** An amount in the user's locale; Intl formats the decimal string exactly (ECMA-402 string input). */
export function formatMinor(minor: number, currency: string, localeTag: string, signDisplay: 'auto' | 'exceptZero' = 'auto'): string {
  const format = new Intl.NumberFormat(localeTag, { style: 'currency', currency, signDisplay });
  return format.format(minorToDecimal(minor, currency) as unknown as number);
}
