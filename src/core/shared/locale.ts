// The languages cutover speaks (pages and mails): one list, one type, one rule for reading a language tag.

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export const isLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value);

/** `fr`, `fr-CA`, `fr_FR` → French; anything else (or nothing) → English. */
export function localeOf(tag: string | undefined): Locale {
  return tag && /^fr([-_]|$)/i.test(tag.trim()) ? 'fr' : 'en';
}
