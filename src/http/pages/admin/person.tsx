/** @jsxImportSource hono/jsx */
// Console: one person: profile, legacy links, identities, passkeys, sign-ins, and every admin action as a form.
import type { AdminUserJson } from '../../../core/admin/admin-user-json.ts';
import type { StoredAuditEvent } from '../../../core/ports/audit.ts';
import { signInMethodOf } from '../../../core/ports/report.ts';
import { consoleMessages } from './console-messages.ts';
import { Csrf, Shell, withLang, type ShellProps } from './shell.tsx';

type Props = Omit<ShellProps, 'children' | 'section' | 'title'> & { user: AdminUserJson; identities: unknown[]; signIns: StoredAuditEvent[] };

export function PersonPage(props: Props) {
  const m = consoleMessages(props.locale);
  const { user: u, locale, csrf } = props;
  const act = (path: string) => withLang(`/admin/people/${encodeURIComponent(u.id)}/${path}`, locale);
  const Action = (p: { path: string; label: string; danger?: boolean; fields?: Record<string, string> }) => (
    <form method="post" action={act(p.path)} class="inline">
      <Csrf token={csrf} />
      {Object.entries(p.fields ?? {}).map(([k, v]) => <input type="hidden" name={k} value={v} />)}
      <button type="submit" class={p.danger ? 'small danger' : 'small secondary'}>{p.label}</button>
    </form>
  );
  return (
    <Shell {...props} section="people" title={u.email ?? u.id}>
      <p>
        <span class={u.enabled ? 'pill' : 'pill off'} id="status">{u.enabled ? m.enabled : m.disabled}</span>
        {u.freshlyMigrated && <> <span class="pill">{m.freshlyMigrated}</span></>} <span class="muted">{u.id}</span>
      </p>
      <h2>{m.actions}</h2>
      <div class="actions">
        {u.enabled ? <Action path="enabled" label={m.disable} danger fields={{ enabled: 'false' }} /> : <Action path="enabled" label={m.enable} fields={{ enabled: 'true' }} />}
        <Action path="sign-out" label={m.signOutEverywhere} />
        {u.enabled && u.email && <Action path="invite" label={m.reinvite} />}
      </div>

      <h2>{m.profile}</h2>
      <form method="post" action={act('edit')}>
        <Csrf token={csrf} />
        <dl>
          <dt>{m.email}</dt><dd>{u.email ?? '—'} <span class="muted">({u.emailVerified ? '✓' : '✗'})</span></dd>
          <dt>{m.created}</dt><dd>{u.createdAt.slice(0, 10)}</dd>
          <dt>{m.lastSignIn}</dt><dd>{u.lastSignInAt ? u.lastSignInAt.slice(0, 16).replace('T', ' ') : m.never}</dd>
          {Object.entries(u.profile).filter(([k]) => k !== 'given_name' && k !== 'family_name').map(([k, v]) => <><dt>{k}</dt><dd>{v}</dd></>)}
        </dl>
        <label for="given_name">{m.givenName}</label><input id="given_name" name="given_name" type="text" value={u.profile.given_name ?? ''} maxlength={256} />
        <label for="family_name">{m.familyName}</label><input id="family_name" name="family_name" type="text" value={u.profile.family_name ?? ''} maxlength={256} />
        <label for="roles">{m.roles} <span class="muted">({m.rolesHint})</span></label>
        <input id="roles" name="roles" type="text" class="wide" value={u.roles.join(', ')} maxlength={2000} />
        <button type="submit" class="small">{m.save}</button>
      </form>

      <h2>{m.attributes}</h2>
      {Object.keys(u.attributes).length === 0 ? <p class="muted">{m.none}</p> : (
        <table class="data"><tbody>{Object.entries(u.attributes).map(([k, v]) => <tr><th>{k}</th><td>{v}</td></tr>)}</tbody></table>
      )}

      <h2>{m.legacyLinks}</h2>
      {u.legacyLinks.length === 0 ? <p class="muted">{m.none}</p> : (
        <table class="data"><thead><tr><th>{m.pool}</th><th>sub</th><th class="opt">{m.username}</th><th class="opt">{m.status}</th></tr></thead>
          <tbody>{u.legacyLinks.map((l) => <tr><td>{l.userPoolId}</td><td>{l.sub}</td><td class="opt">{l.username}</td><td class="opt">{l.status ?? ''}</td></tr>)}</tbody></table>
      )}

      <h2>{m.identities}</h2>
      {props.identities.length === 0 ? <p class="muted">{m.none}</p> : <ul>{props.identities.map((i) => <li><code>{JSON.stringify(i)}</code></li>)}</ul>}

      <h2>{m.passkeys}</h2>
      {u.passkeys.length === 0 ? <p class="muted">{m.none}</p> : (
        <table class="data"><tbody>{u.passkeys.map((p) => (
          <tr><td>{p.name}</td><td class="opt">{p.createdAt.slice(0, 10)}</td><td class="opt">{p.lastUsedAt ? p.lastUsedAt.slice(0, 10) : m.never}</td>
            <td><Action path={`passkeys/${encodeURIComponent(p.id)}/remove`} label={m.remove} danger /></td></tr>
        ))}</tbody></table>
      )}

      <h2>{m.signIns}</h2>
      {props.signIns.length === 0 ? <p class="muted">{m.none}</p> : (
        <table class="data"><tbody>{props.signIns.map((e) => (
          <tr><td>{new Date(e.at).toISOString().slice(0, 16).replace('T', ' ')}</td><td>{signInMethod(e)}</td><td class="opt">{e.clientId ?? ''}</td><td class="opt">{e.ip ?? ''}</td></tr>
        ))}</tbody></table>
      )}

      <h2>{m.deletePerson}</h2>
      <form method="post" action={act('delete')}>
        <Csrf token={csrf} />
        <label><input type="checkbox" name="confirm" value="yes" required /> {m.deleteConfirm}</label>
        <button type="submit" class="small danger">{m.deletePerson}</button>
      </form>
    </Shell>
  );
}

/** How a sign-in event was made (email, passkey, federated), with a federated one's provider. */
function signInMethod(e: StoredAuditEvent): string {
  const method = signInMethodOf(e.type);
  return method === 'federated' && typeof e.detail?.provider === 'string' ? `federated (${e.detail.provider})` : method;
}
