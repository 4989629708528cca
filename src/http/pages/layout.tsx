/** @jsxImportSource hono/jsx */
// The shared page shell: brand, language, accessible defaults, responsive CSS.
import type { Child } from 'hono/jsx';
import type { Config } from '../../core/config.ts';
import type { Locale } from './i18n.ts';

export function Layout(props: { title: string; locale: Locale; config: Config; children: Child }) {
  const { brand } = props.config;
  return (
    <html lang={props.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${props.title} · ${brand.productName}`}</title>
        <style>{`:root{--brand:${brand.color}}
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1a1a1a}
main{max-width:26rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin-top:0}label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;border:1px solid #888;border-radius:6px}
button{margin-top:1rem;width:100%;padding:.7rem;font-size:1rem;border:0;border-radius:6px;background:var(--brand);color:#fff;cursor:pointer}
button.secondary{background:#fff;color:var(--brand);border:2px solid var(--brand)}
:focus-visible{outline:3px solid #111;outline-offset:2px}.error{color:#b00020}.muted{color:#555;font-size:.9rem}
@media (max-width:30rem){main{margin:0;border-radius:0;min-height:100vh}}`}</style>
      </head>
      <body>
        <main>
          <header>{brand.logoUrl ? <img src={brand.logoUrl} alt={brand.productName} height={40} /> : <strong>{brand.productName}</strong>}</header>
          {props.children}
        </main>
      </body>
    </html>
  );
}
