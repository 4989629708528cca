/** @jsxImportSource hono/jsx */
// The shared page shell: brand (name, logo, colour), language switch, accessible defaults, responsive CSS.
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { Config } from '../../core/shared/config.ts';
import { LOCALES, type Locale } from './i18n.ts';

/** Black or white, whichever reads better on the brand colour (WCAG relative luminance). */
export function textOn(hex: string): string {
  const lin = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(1) + 0.7152 * lin(3) + 0.0722 * lin(5);
  return (1.05 / (l + 0.05)) >= ((l + 0.05) / 0.05) ? '#ffffff' : '#111111';
}

const CSS = `*{box-sizing:border-box}
input,button{font:inherit}
body{font:16px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans","Noto Sans","DejaVu Sans",sans-serif;margin:0;background:#f3f4f7;color:#1a1a1a}
main{max-width:28rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:14px;box-shadow:0 1px 3px #0002,0 8px 24px #0000000d}
main.wide{max-width:40rem}
header.brand{display:flex;align-items:center;gap:.6rem;margin-bottom:1.5rem;font-weight:700;font-size:1.1rem}
header.brand img{max-height:40px;max-width:60%}
.dot{width:.9rem;height:.9rem;border-radius:50%;background:var(--brand)}
h1{font-size:1.45rem;line-height:1.25;margin:0 0 1rem}h2{font-size:1.1rem;margin:1.75rem 0 .5rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input[type=email],input[type=text]{width:100%;padding:.65rem .75rem;font-size:1rem;border:1px solid #767676;border-radius:8px;background:#fff;color:inherit}
input[inputmode=numeric]{letter-spacing:.3em;font-size:1.25rem;font-variant-numeric:tabular-nums}
button,.button{display:inline-block;margin-top:1rem;width:100%;padding:.75rem 1rem;font:inherit;font-weight:600;text-align:center;text-decoration:none;border:2px solid var(--brand);border-radius:8px;background:var(--brand);color:var(--on-brand);cursor:pointer}
button.secondary,.button.secondary{background:#fff;color:var(--brand-text)}
button.link{width:auto;margin:0;padding:0;border:0;background:none;color:var(--brand-text);text-decoration:underline;font-weight:500}
button.small{width:auto;margin:0;padding:.35rem .8rem;font-size:.9rem}
button.danger{background:#fff;color:#a4000f;border-color:#a4000f}
button:disabled{opacity:.55;cursor:not-allowed}
:focus-visible{outline:3px solid #111;outline-offset:2px}
a{color:var(--brand-text)}
.error{color:#a4000f;font-weight:500}.muted{color:#555;font-size:.925rem}
.notice{padding:.75rem 1rem;border-radius:8px;background:#eef5ee;border:1px solid #9ac59a;margin:0 0 1rem}
.prompt{padding:1rem;border-radius:10px;background:#f4f6ff;border:1px solid var(--brand);margin:0 0 1.25rem}
.prompt h2{margin-top:0}
.sep{display:flex;align-items:center;gap:.75rem;color:#555;margin:1.5rem 0 .5rem}.sep::before,.sep::after{content:"";flex:1;border-top:1px solid #ccc}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
ul.passkeys{list-style:none;padding:0;margin:0}
ul.passkeys li{border:1px solid #d5d7de;border-radius:10px;padding:.75rem 1rem;margin:.5rem 0}
.pk-head{display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap;align-items:baseline}
.pk-name{font-weight:600;overflow-wrap:anywhere}
.pk-actions{display:flex;gap:.5rem;flex-wrap:wrap;align-items:end;margin-top:.5rem}
.pk-actions form{display:flex;gap:.5rem;align-items:end;flex-wrap:wrap}
.pk-actions label{margin:0;font-size:.85rem}.pk-actions input{width:14rem;max-width:100%;padding:.35rem .5rem}
footer{margin-top:2rem;font-size:.875rem;color:#555;display:flex;justify-content:flex-end}footer nav{display:flex;gap:.75rem}
footer a[aria-current]{font-weight:700;text-decoration:none;color:#1a1a1a}
[hidden]{display:none!important}
@media (max-width:34rem){main,main.wide{margin:0;border-radius:0;min-height:100vh;padding:1.5rem 1.25rem;box-shadow:none}}
@media (prefers-reduced-motion:no-preference){button{transition:filter .15s}button:hover{filter:brightness(1.08)}}`;

export interface LayoutProps {
  title: string;
  locale: Locale;
  config: Config;
  children: Child;
  /** Wider card (account page). */
  wide?: boolean;
  /** The admin console: a full-width card and the console's own CSS (static text, no interpolation). */
  consoleCss?: string;
  /** Extra head elements, e.g. the console's meta refresh while a campaign runs (no script needed, CSP-safe). */
  head?: Child;
  /** Path (with query, without lang) the language links point to; omitted on pages answering a POST. */
  switchPath?: string;
  /** Scripts served by cutover itself (the page CSP allows no inline script). */
  scripts?: string[];
  /** data-* settings for the page script. */
  data?: Record<string, string>;
}

const LANG_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français' };

export function Layout(props: LayoutProps) {
  const { brand } = props.config;
  const data = Object.fromEntries(Object.entries(props.data ?? {}).map(([k, v]) => [`data-${k}`, v]));
  const langHref = (l: Locale) => {
    const u = new URL(props.switchPath ?? '/login', 'http://x');
    u.searchParams.set('lang', l);
    return u.pathname + u.search;
  };
  // The brand colour as text on white must stay readable: darken a light colour to near-black.
  const brandText = textOn(brand.color) === '#111111' ? '#1a1a1a' : brand.color;
  return (
    <>
    {raw('<!doctype html>')}
    <html lang={props.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="color-scheme" content="light" />
        <title>{`${props.title} · ${brand.productName}`}</title>
        {/* raw: JSX would entity-escape quotes inside <style>; the only interpolations are validated #rrggbb colours. */}
        <style>{raw(`:root{--brand:${brand.color};--on-brand:${textOn(brand.color)};--brand-text:${brandText}}\n${CSS}${props.consoleCss ?? ''}`)}</style>
        {props.head}
      </head>
      <body {...data}>
        <main class={props.consoleCss ? 'console' : props.wide ? 'wide' : undefined}>
          <header class="brand">
            {brand.logoUrl ? <img src={brand.logoUrl} alt={brand.productName} /> : <><span class="dot" aria-hidden="true"></span><span>{brand.productName}</span></>}
          </header>
          {props.children}
          {props.switchPath !== undefined && (
            <footer>
              <nav aria-label="Language / Langue">
                {LOCALES.map((l) => (
                  <a href={langHref(l)} hreflang={l} lang={l} aria-current={l === props.locale ? 'true' : undefined}>{LANG_NAMES[l]}</a>
                ))}
              </nav>
            </footer>
          )}
        </main>
        {(props.scripts ?? []).map((src) => <script src={src} defer></script>)}
      </body>
    </html>
    </>
  );
}
