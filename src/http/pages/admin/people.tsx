/** @jsxImportSource hono/jsx */
// Console: the people list with its filters and cursor paging.
import type { AdminUserJson } from '../../../core/admin/admin-user-json.ts';
import { consoleMessages } from './console-messages.ts';
import { Shell, withLang, type ShellProps } from './shell.tsx';

export interface PeopleFilters { emailPrefix?: string; role?: string; legacySub?: string; freshlyMigrated?: string; signedIn?: string }

const YesNo = (props: { name: string; label: string; value?: string; m: ReturnType<typeof consoleMessages> }) => (
  <span>
    <label for={props.name}>{props.label}</label>
    <select id={props.name} name={props.name}>
      <option value="">{props.m.any}</option>
      <option value="true" selected={props.value === 'true'}>{props.m.yes}</option>
      <option value="false" selected={props.value === 'false'}>{props.m.no}</option>
    </select>
  </span>
);

export function PeoplePage(props: Omit<ShellProps, 'children' | 'section' | 'title'> & { filters: PeopleFilters; users: AdminUserJson[]; nextHref: string | null; error?: string }) {
  const m = consoleMessages(props.locale);
  const f = props.filters;
  return (
    <Shell {...props} section="people" title={m.people}>
      <form method="get" action="/admin/people" class="filters" role="search">
        <input type="hidden" name="lang" value={props.locale} />
        <span><label for="emailPrefix">{m.emailPrefix}</label><input id="emailPrefix" name="emailPrefix" type="text" value={f.emailPrefix ?? ''} /></span>
        <span><label for="role">{m.role}</label><input id="role" name="role" type="text" size={10} value={f.role ?? ''} /></span>
        <span><label for="legacySub">{m.legacySub}</label><input id="legacySub" name="legacySub" type="text" value={f.legacySub ?? ''} /></span>
        <YesNo name="freshlyMigrated" label={m.freshlyMigrated} value={f.freshlyMigrated} m={m} />
        <YesNo name="signedIn" label={m.signedIn} value={f.signedIn} m={m} />
        <button type="submit" class="small">{m.search}</button>
      </form>
      {props.error && <p class="error" role="alert">{props.error}</p>}
      {props.users.length === 0 ? <p>{m.none}</p> : (
        <table class="data">
          <thead><tr><th>{m.email}</th><th>{m.status}</th><th class="opt">{m.roles}</th><th class="opt">{m.lastSignIn}</th></tr></thead>
          <tbody>
            {props.users.map((u) => (
              <tr>
                <td><a href={withLang(`/admin/people/${encodeURIComponent(u.id)}`, props.locale)}>{u.email ?? u.id}</a></td>
                <td>
                  <span class={u.enabled ? 'pill' : 'pill off'}>{u.enabled ? m.enabled : m.disabled}</span>
                  {u.freshlyMigrated && <> <span class="pill">{m.freshlyMigrated}</span></>}
                </td>
                <td class="opt">{u.roles.join(', ')}</td>
                <td class="opt">{u.lastSignInAt ? u.lastSignInAt.slice(0, 16).replace('T', ' ') : m.never}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.nextHref && <p><a href={props.nextHref}>{m.next} →</a></p>}
    </Shell>
  );
}
