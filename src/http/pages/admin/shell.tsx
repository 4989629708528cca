/** @jsxImportSource hono/jsx */
// The console's frame: the pages' layout (CSP, brand, languages) plus a navigation bar and tables that fit a phone.
import type { Child } from 'hono/jsx';
import type { Config } from '../../../core/shared/config.ts';
import type { User } from '../../../core/ports/users.ts';
import type { Locale } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import { consoleMessages, type ConsoleMessages } from './console-messages.ts';

const CONSOLE_CSS = `
main.console{max-width:72rem;margin:1.5rem auto;padding:1.5rem 2rem}
nav.console{display:flex;flex-wrap:wrap;gap:.25rem .9rem;align-items:center;border-bottom:1px solid #d5d7de;padding-bottom:.75rem;margin-bottom:1.25rem}
nav.console a{text-decoration:none;font-weight:600;padding:.2rem 0}nav.console a[aria-current]{border-bottom:3px solid var(--brand)}
nav.console form{margin-left:auto}nav.console .who{color:#555;font-size:.875rem}
table.data{border-collapse:collapse;width:100%;font-size:.925rem;margin:.5rem 0 1rem}
table.data th,table.data td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #e3e5ea;vertical-align:top;overflow-wrap:anywhere}
table.data th{background:#f6f7f9;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}.nowrap{white-space:nowrap}td code{font-size:.8rem}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin-bottom:1rem}
form.filters label{margin:0 0 .2rem;font-size:.85rem}form.filters input,form.filters select{padding:.4rem .5rem;border:1px solid #767676;border-radius:6px;font:inherit}
form.filters button,form.inline button{width:auto;margin:0}
form.inline{display:inline-flex;gap:.5rem;align-items:center;flex-wrap:wrap;margin:.25rem .5rem .25rem 0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:.75rem;margin:1rem 0}
.card{border:1px solid #d5d7de;border-radius:10px;padding:.75rem 1rem}.card .n{font-size:1.6rem;font-weight:700;font-variant-numeric:tabular-nums}
.pill{display:inline-block;padding:0 .5rem;border-radius:99px;font-size:.8rem;background:#eef0f5}.pill.off{background:#fde8ea;color:#a4000f}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
svg.chart{width:100%;height:auto;max-width:56rem;font:12px system-ui,sans-serif}
input[type=text].wide{width:100%}
@media (max-width:40rem){main.console{margin:0;border-radius:0;padding:1rem}table.data .opt{display:none}nav.console form{margin-left:0}}`;

export type Section = 'overview' | 'people' | 'imports' | 'invitations' | 'report' | 'clients' | 'providers' | 'keys' | 'audit';
const SECTIONS: [Section, string][] = [
  ['overview', '/admin'], ['people', '/admin/people'], ['imports', '/admin/imports'], ['invitations', '/admin/invitations'],
  ['report', '/admin/report'], ['clients', '/admin/clients'], ['providers', '/admin/providers'], ['keys', '/admin/keys'], ['audit', '/admin/audit'],
];

export interface ShellProps {
  config: Config;
  locale: Locale;
  admin: User;
  csrf: string;
  section: Section;
  title: string;
  /** path (with query, without lang) for the language links */
  path: string;
  notice?: string;
  head?: Child;
  children: Child;
}

/** Every console POST carries the session's token. */
export const Csrf = (props: { token: string }) => <input type="hidden" name="_csrf" value={props.token} />;

export const withLang = (path: string, locale: Locale) => `${path}${path.includes('?') ? '&' : '?'}lang=${locale}`;

export function Shell(props: ShellProps) {
  const m: ConsoleMessages = consoleMessages(props.locale);
  return (
    <Layout title={`${props.title} · ${m.console}`} locale={props.locale} config={props.config} consoleCss={CONSOLE_CSS} switchPath={props.path} head={props.head}>
      <nav class="console" aria-label={m.console}>
        {SECTIONS.map(([key, href]) => <a href={withLang(href, props.locale)} aria-current={key === props.section ? 'page' : undefined}>{m[key]}</a>)}
        <form method="post" action={withLang('/admin/sign-out', props.locale)} class="inline">
          <span class="who">{props.admin.email}</span>
          <Csrf token={props.csrf} />
          <button type="submit" class="small secondary">{m.signOut}</button>
        </form>
      </nav>
      <h1>{props.title}</h1>
      {props.notice && <p class="notice" role="status">{props.notice}</p>}
      {props.children}
    </Layout>
  );
}
