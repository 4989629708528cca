/** @jsxImportSource hono/jsx */
// Console: clients (with secret rotation), federated providers, signing keys (with the next rotation and a rotate form), and the audit log.
import type { ClientJson } from '../../../core/clients/list-clients.ts';
import type { SigningKeyInfo } from '../../../core/keys/list-signing-keys.ts';
import type { AuditEntryJson } from '../../../core/admin/list-audit.ts';
import type { ProviderJson } from '../../../core/federation/provider-json.ts';
import { consoleMessages } from './console-messages.ts';
import { Csrf, Shell, withLang, type ShellProps } from './shell.tsx';

type Base = Omit<ShellProps, 'children' | 'section' | 'title'>;

/** A secret just rotated: shown on this one answer and never again (only its hash is kept). */
export interface RotatedSecret {
  clientId: string;
  clientSecret: string;
  previousSecretExpiresAt: number | null;
}

export function ClientsPage(props: Base & { clients: ClientJson[]; rotated?: RotatedSecret }) {
  const m = consoleMessages(props.locale);
  const r = props.rotated;
  return (
    <Shell {...props} section="clients" title={m.clients}>
      {r && (
        <div class="notice" role="status">
          <p>{m.newSecretFor} <code>{r.clientId}</code> ({m.shownOnce}):</p>
          <p><code class="secret">{r.clientSecret}</code></p>
          <p>{r.previousSecretExpiresAt ? `${m.previousSecretUntil} ${new Date(r.previousSecretExpiresAt).toISOString().slice(0, 16).replace('T', ' ')} UTC` : m.previousSecretGone}</p>
        </div>
      )}
      <table class="data">
        <thead><tr><th>client_id</th><th>{m.clients}</th><th class="opt">{m.tenant}</th><th class="opt">{m.redirectUris}</th><th class="opt">{m.audience}</th><th>{m.secret}</th></tr></thead>
        <tbody>{props.clients.map((c) => (
          <tr>
            <td><code>{c.clientId}</code></td><td>{c.name}</td><td class="opt">{c.tenant}</td><td class="opt">{c.redirectUris.join(' ')}</td><td class="opt">{c.audience}</td>
            <td>{c.confidential
              ? (
                <form method="post" action={withLang(`/admin/clients/${encodeURIComponent(c.clientId)}/rotate-secret`, props.locale)}>
                  <Csrf token={props.csrf} />
                  <label><input type="checkbox" name="overlap" value="none" /> {m.noOverlap}</label>
                  <button type="submit" class="small">{m.rotateSecret}</button>
                </form>
              )
              : <span class="pill">{m.publicClient}</span>}</td>
          </tr>
        ))}</tbody>
      </table>
    </Shell>
  );
}

export function ProvidersPage(props: Base & { providers: ProviderJson[] }) {
  const m = consoleMessages(props.locale);
  return (
    <Shell {...props} section="providers" title={m.providers}>
      {props.providers.length === 0
        ? <p>{m.noProviders}</p>
        : (
          <table class="data">
            <thead><tr><th>{m.name}</th><th>{m.type}</th><th class="opt">{m.tenant}</th><th class="opt">{m.issuerOrIdp}</th><th>{m.vouchesForEmail}</th><th class="opt">{m.callbackUrl}</th></tr></thead>
            <tbody>{props.providers.map((p) => (
              <tr>
                <td><code>{p.name}</code>{p.label ? ` ${p.label}` : ''}</td><td><span class="pill">{p.type}</span></td><td class="opt">{p.tenant}</td>
                <td class="opt">{p.issuer ?? p.samlIdpIssuer ?? p.samlEntryPoint ?? ''}</td>
                <td>{p.vouchesForEmail ? m.yes : m.no}</td><td class="opt"><code>{p.callbackUrl}</code></td>
              </tr>
            ))}</tbody>
          </table>
        )}
      <p class="hint">{m.providersHowTo}</p>
    </Shell>
  );
}

export function KeysPage(props: Base & { keys: SigningKeyInfo[] }) {
  const m = consoleMessages(props.locale);
  const state = { signing: m.active, next: m.next_, retired: m.retired };
  return (
    <Shell {...props} section="keys" title={m.keys}>
      <table class="data">
        <thead><tr><th>{m.kid}</th><th>{m.status}</th><th>{m.activates}</th><th class="opt">{m.created}</th></tr></thead>
        <tbody>{props.keys.map((k) => <tr><td><code>{k.kid}</code></td><td><span class="pill">{state[k.state]}</span></td><td>{k.activateAt.slice(0, 16).replace('T', ' ')}</td><td class="opt">{k.createdAt.slice(0, 10)}</td></tr>)}</tbody>
      </table>
      <form method="post" action={withLang('/admin/keys/rotate', props.locale)}>
        <Csrf token={props.csrf} />
        <label><input type="checkbox" name="now" value="yes" /> {m.rotateNow}</label>
        <button type="submit" class="small">{m.rotate}</button>
      </form>
    </Shell>
  );
}

export function AuditPage(props: Base & { events: AuditEntryJson[]; filters: { userId?: string; type?: string }; nextHref: string | null; error?: string }) {
  const m = consoleMessages(props.locale);
  return (
    <Shell {...props} section="audit" title={m.audit}>
      <form method="get" action="/admin/audit" class="filters">
        <input type="hidden" name="lang" value={props.locale} />
        <span><label for="type">{m.type}</label><input id="type" name="type" type="text" value={props.filters.type ?? ''} placeholder="user.disabled" /></span>
        <span><label for="userId">{m.subject}</label><input id="userId" name="userId" type="text" value={props.filters.userId ?? ''} /></span>
        <button type="submit" class="small">{m.filter}</button>
      </form>
      {props.error && <p class="error" role="alert">{props.error}</p>}
      <table class="data">
        <thead><tr><th>{m.when}</th><th>{m.what}</th><th>{m.who}</th><th class="opt">{m.from}</th><th class="opt">{m.subject}</th><th class="opt">{m.detail}</th></tr></thead>
        <tbody>{props.events.map((e) => (
          <tr><td class="nowrap">{e.at.slice(0, 19).replace('T', ' ')}</td><td>{e.type}</td><td>{e.actor ?? ''}</td><td class="opt nowrap">{e.ip ?? ''}</td>
            <td class="opt">{e.userId ? <a href={withLang(`/admin/people/${encodeURIComponent(e.userId)}`, props.locale)}>{e.userId}</a> : ''}</td>
            <td class="opt"><code>{JSON.stringify(e.detail)}</code></td></tr>
        ))}</tbody>
      </table>
      {props.nextHref && <p><a href={props.nextHref}>{m.next} →</a></p>}
    </Shell>
  );
}
