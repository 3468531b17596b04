import { COUNTRY_CODES } from '@cardcoop/contracts';

// The names of countries and currencies in the page's language, from the browser's own tables
// (Intl.DisplayNames): no list of names is shipped.

const RUSSIA = 'RU';

const regionNames = (language: string) => new Intl.DisplayNames([language], { type: 'region' });

/** A country's name (`RU` → `Россия` / `Russia`); a value that is no code is returned as is. */
export function countryName(code: string, language: string): string {
  if (!COUNTRY_CODES.includes(code)) return code;
  return regionNames(language).of(code) ?? code;
}

/** The countries to choose from: Russia first, then the rest by name in the page's language. */
export function countryOptions(language: string): { value: string; label: string }[] {
  const names = regionNames(language);
  const others = COUNTRY_CODES.filter((code) => code !== RUSSIA)
    .map((code) => ({ value: code, label: names.of(code) ?? code }))
    .sort((a, b) => a.label.localeCompare(b.label, language));
  return [{ value: RUSSIA, label: names.of(RUSSIA) ?? RUSSIA }, ...others];
}

/** `RUB — российский рубль` / `RUB — Russian Ruble`. */
export function currencyLabel(code: string, language: string): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([language], { type: 'currency' }).of(code);
  } catch {
    // Not a well-formed code (a stored value the member still has to change).
    return code;
  }
  return name && name !== code ? `${code} — ${name}` : code;
}
