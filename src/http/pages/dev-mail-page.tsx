/** @jsxImportSource hono/jsx */
// /dev/mail: the mail the `log` mailer kept, newest first (Node with CUTOVER_MAILER=log only).
import type { Config } from '../../core/shared/config.ts';
import type { KeptMail } from '../../core/ports/outbox.ts';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { Layout } from './layout.tsx';

/** The mail's text with its links clickable: only our own issuer's links (the sign-in links), as plain anchors. */
function linked(text: string, issuer: string): (string | JSX.Element)[] {
  const parts: (string | JSX.Element)[] = [];
  let at = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    const url = match[0];
    if (!url.startsWith(`${issuer}/`)) continue;
    parts.push(text.slice(at, match.index), <a href={url}>{url}</a>);
    at = match.index + url.length;
  }
  parts.push(text.slice(at));
  return parts;
}

export function DevMailPage(props: { config: Config; mail: KeptMail[] }) {
  return (
    <Layout title="Mail" locale="en" config={props.config}>
      <h1>Mail that would have been sent</h1>
      <p class="muted">CUTOVER_MAILER=log keeps mail here instead of sending it. JSON: <a href="/dev/mail.json">/dev/mail.json</a></p>
      {props.mail.length === 0 ? <p>No mail yet.</p> : null}
      {props.mail.map((m) => (
        <article>
          <h2 style="font-size:1rem;margin-bottom:0">{m.subject}</h2>
          <p class="muted">to {m.to} · {new Date(m.createdAt).toISOString()}</p>
          <pre style="white-space:pre-wrap;word-break:break-all;background:#f6f7f9;padding:.5rem">{linked(m.text, props.config.issuer)}</pre>
          <details>
            <summary>HTML</summary>
            {/* sandboxed: the mail's HTML never runs script in this origin */}
            <iframe sandbox="" srcdoc={m.html} style="width:100%;height:24rem;border:1px solid #ccc" title={m.subject}></iframe>
          </details>
        </article>
      ))}
    </Layout>
  );
}
