// Page language: `?lang=` first, then Accept-Language; English and French.
import type { Context } from 'hono';
import { isLocale, LOCALES, type Locale } from '../../core/shared/locale.ts';

export { LOCALES, type Locale };

export function pickLocale(c: Context): Locale {
  const asked = c.req.query('lang');
  if (asked && isLocale(asked)) return asked;
  const header = c.req.header('accept-language') ?? '';
  const ranked = header.split(',').map((part) => {
    const [tag, q] = part.trim().split(';q=');
    return { lang: tag.toLowerCase().split('-')[0], q: q ? Number(q) : 1 };
  }).sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) if (isLocale(lang)) return lang;
  return 'en';
}
