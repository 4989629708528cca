// Page language: `?lang=` first, then Accept-Language; English and French.
import type { Context } from 'hono';

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export function pickLocale(c: Context): Locale {
  const asked = c.req.query('lang');
  if (asked && (LOCALES as readonly string[]).includes(asked)) return asked as Locale;
  const header = c.req.header('accept-language') ?? '';
  const ranked = header.split(',').map((part) => {
    const [tag, q] = part.trim().split(';q=');
    return { lang: tag.toLowerCase().split('-')[0], q: q ? Number(q) : 1 };
  }).sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) if ((LOCALES as readonly string[]).includes(lang)) return lang as Locale;
  return 'en';
}
