/** @jsxImportSource hono/jsx */
// Console: clients, identity providers, signing keys (with the next rotation and a rotate form), and the audit log.
import type { ClientJson } from '../../../core/clients/list-clients.ts';
import type { SigningKeyInfo } from '../../../core/keys/list-signing-keys.ts';
import type { AuditEntryJson } from '../../../core/admin/list-audit.ts';
import { consoleMessages } from './console-messages.ts';
import type { providerJson } from '../../../core/federation/provider-json.ts';

type ProviderJson = ReturnType<typeof providerJson>;
import { Csrf, Shell, withLang, type ShellProps } from './shell.tsx';

type Base = Omit<ShellProps, 'children' | 'section' | 'title'>;

export function ClientsPage(props: Base & { clients: ClientJson[] }) {
  const m = consoleMessages(props.locale);
  return (
    <Shell {...props} section="clients" title={m.clients}>
      <table class="data">
        <thead><tr><th>client_id</th><th>{m.clients}</th><th class="opt">{m.tenant}</th><th class="opt">{m.redirectUris}</th><th class="opt">{m.audience}</th></tr></thead>
        <tbody>{props.clients.map((c) => <tr><td><code>{c.clientId}</code></td><td>{c.name}</td><td class="opt">{c.tenant}</td><td class="opt">{c.redirectUris.join(' ')}</td><td class="opt">{c.audience}</td></tr>)}</tbody>
      </table>
    </Shell>
  );
}

/** Upstream identity providers (SPEC §10): settings and the callback URL, never a secret. */
export function ProvidersPage(props: Base & { providers: ProviderJson[] }) {
  const m = consoleMessages(props.locale);
  return (
    <Shell {...props} section="providers" title={m.providers}>
      <table class="data">
        <thead><tr><th>{m.providers}</th><th>type</th><th class="opt">{m.tenant}</th><th class="opt">client_id / issuer</th><th class="opt">callback</th></tr></thead>
        <tbody>{props.providers.map((p) => <tr><td>{p.name}</td><td>{p.type}</td><td class="opt">{p.tenant}</td>
          <td class="opt"><code>{p.clientId ?? p.samlIdpIssuer ?? ''}</code> {p.issuer ?? ''}</td><td class="opt"><code>{p.callbackUrl}</code></td></tr>)}</tbody>
      </table>
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
