// What every console route needs from the request: the shell's props, the actor, and how to answer an action.
import type { Context } from 'hono';
import type { Deps } from '../../../core/shared/deps.ts';
import type { ConsoleVars } from '../../middleware/console-auth.ts';
import { pickLocale } from '../../pages/i18n.ts';
import { withLang } from '../../pages/admin/shell.tsx';

export type ConsoleContext = Context<ConsoleVars>;

export function shellProps(c: ConsoleContext, deps: Deps) {
  const url = new URL(c.req.url);
  url.searchParams.delete('lang');
  return { config: deps.config, locale: pickLocale(c), admin: c.get('consoleUser'), csrf: c.get('csrf'), path: `${url.pathname}${url.search}` };
}

/** After a form POST: back to a console page (a fixed path here, never one taken from the request), with a notice. */
export const backTo = (c: ConsoleContext, path: string, done = 'ok') => c.redirect(withLang(`${path}${path.includes('?') ? '&' : '?'}done=${done}`, pickLocale(c)), 303);

/** Form fields as strings, blank ones dropped (an empty filter means "any"). */
export async function formOf(c: ConsoleContext): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).filter(([k, v]) => typeof v === 'string' && k !== '_csrf')) as Record<string, string>;
}

export const nonBlank = (q: Record<string, string>) => Object.fromEntries(Object.entries(q).filter(([k, v]) => v.trim() !== '' && k !== 'lang' && k !== 'done'));
