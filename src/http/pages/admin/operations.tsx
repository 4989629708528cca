/** @jsxImportSource hono/jsx */
// Console: invitation campaigns (dry-run count, live progress, unknown sends) and import runs with their conflicts.
import { raw } from 'hono/html';
import type { InvitationProgress } from '../../../core/invitations/invitation-progress.ts';
import type { InvitationListItem } from '../../../core/invitations/list-invitations.ts';
import type { AuditEntryJson } from '../../../core/admin/list-audit.ts';
import type { ClientJson } from '../../../core/clients/list-clients.ts';
import type { ImportRun, StoredImportConflict } from '../../../core/ports/imports.ts';
import { consoleMessages } from './console-messages.ts';
import { Csrf, Shell, withLang, type ShellProps } from './shell.tsx';

type Base = Omit<ShellProps, 'children' | 'section' | 'title'>;

export function InvitationsPage(props: Base & { clients: ClientJson[]; campaigns: AuditEntryJson[]; count?: { wouldQueue: number; clientId: string }; error?: string }) {
  const m = consoleMessages(props.locale);
  const action = (path: string) => withLang(path, props.locale);
  return (
    <Shell {...props} section="invitations" title={m.invitations}>
      <h2>{m.newCampaign}</h2>
      <p>{m.freshlyMigratedPeople}</p>
      {props.error && <p class="error" role="alert">{props.error}</p>}
      {props.count
        ? <form method="post" action={action('/admin/invitations')}>
          <p id="would-queue"><strong>{m.wouldQueue(props.count.wouldQueue)}</strong></p>
          <Csrf token={props.csrf} />
          <input type="hidden" name="clientId" value={props.count.clientId} />
          <button type="submit" class="small" id="start-campaign">{m.start}</button>
        </form>
        : <form method="post" action={action('/admin/invitations/count')} class="filters">
          <Csrf token={props.csrf} />
          <span><label for="clientId">{m.client}</label>
            <select id="clientId" name="clientId">{props.clients.filter((c) => c.tenant === 'default').map((c) => <option value={c.clientId}>{c.name} ({c.clientId})</option>)}</select></span>
          <button type="submit" class="small" id="count-campaign">{m.countFirst}</button>
        </form>}
      <h2>{m.batches}</h2>
      {props.campaigns.length === 0 ? <p class="muted">{m.none}</p> : (
        <table class="data"><thead><tr><th>{m.started}</th><th>id</th><th class="num">{m.queued}</th><th class="opt">{m.who}</th></tr></thead>
          <tbody>{props.campaigns.map((e) => {
            const id = String(e.detail.batchId ?? '');
            return <tr><td>{e.at.slice(0, 16).replace('T', ' ')}</td><td><a href={action(`/admin/invitations/${encodeURIComponent(id)}`)}>{id}</a></td><td class="num">{String(e.detail.queued ?? '')}</td><td class="opt">{e.actor ?? ''}</td></tr>;
          })}</tbody></table>
      )}
    </Shell>
  );
}

export function CampaignPage(props: Base & { batchId: string; progress: InvitationProgress; unknown: InvitationListItem[] }) {
  const m = consoleMessages(props.locale);
  const p = props.progress;
  // A meta refresh, not a script: the page CSP allows no inline script, and this needs none.
  const head = p.done ? undefined : raw('<meta http-equiv="refresh" content="2">');
  return (
    <Shell {...props} section="invitations" title={`${m.invitations}: ${props.batchId}`} head={head}>
      <p id="campaign-state" data-done={String(p.done)}>{p.done ? m.finished : m.running}</p>
      <div class="cards">
        {([['queued', m.queued, p.queued], ['sent', m.sent, p.sent], ['failed', m.failed, p.failed], ['unknown', m.unknown, p.unknown]] as const).map(([k, label, n]) => (
          <div class="card" data-count={k}><div class="n">{n}</div><div class="muted">{label}</div></div>
        ))}
      </div>
      <progress max={p.queued || 1} value={p.sent + p.failed + p.unknown} style="width:100%"></progress>
      <h2>{m.unknownSends}</h2>
      <p class="muted">{m.unknownHint}</p>
      {props.unknown.length === 0 ? <p class="muted">{m.none}</p> : <>
        <table class="data"><tbody>{props.unknown.map((i) => <tr><td>{i.email}</td><td>{i.error ?? ''}</td></tr>)}</tbody></table>
        <form method="post" action={withLang(`/admin/invitations/${encodeURIComponent(props.batchId)}/resend-unknown`, props.locale)}>
          <Csrf token={props.csrf} />
          <button type="submit" class="small danger">{m.resendUnknown}</button>
        </form>
      </>}
    </Shell>
  );
}

export function ImportsPage(props: Base & { runs: ImportRun[]; conflicts: StoredImportConflict[] }) {
  const m = consoleMessages(props.locale);
  const when = (ms: number | null) => (ms === null ? '…' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));
  return (
    <Shell {...props} section="imports" title={m.imports}>
      <h2>{m.runs}</h2>
      {props.runs.length === 0 ? <p class="muted">{m.none}</p> : (
        <table class="data"><thead><tr><th>{m.source}</th><th>{m.tenant}</th><th>{m.started}</th><th>{m.finishedAt}</th><th class="opt">{m.counts}</th></tr></thead>
          <tbody>{props.runs.map((r) => <tr><td>{r.source}</td><td>{r.tenant}</td><td>{when(r.startedAt)}</td><td>{when(r.finishedAt)}</td><td class="opt"><code>{r.counts}</code></td></tr>)}</tbody></table>
      )}
      <h2>{m.conflicts}</h2>
      {props.conflicts.length === 0 ? <p class="muted">{m.none}</p> : (
        <table class="data"><thead><tr><th>{m.pool}</th><th>sub</th><th>{m.email}</th><th>{m.reason}</th></tr></thead>
          <tbody>{props.conflicts.map((c) => (
            <tr><td>{c.userPoolId}</td><td>{c.legacySub}</td><td>{c.email ?? ''}</td><td>{c.reason}
              <form method="post" action={withLang(`/admin/imports/conflicts/${encodeURIComponent(c.userPoolId)}/${encodeURIComponent(c.legacySub)}/resolve`, props.locale)} class="filters">
                <Csrf token={props.csrf} />
                <span><label for={`res-${c.legacySub}`}>{m.resolution}</label>
                  <select id={`res-${c.legacySub}`} name="resolution"><option value="merge">{m.mergeInto}</option><option value="separate">{m.importSeparate}</option></select></span>
                <span><label for={`into-${c.legacySub}`}>{m.into}</label><input id={`into-${c.legacySub}`} name="into" type="text" value={c.email ?? ''} /></span>
                <button type="submit" class="small secondary">{m.resolve}</button>
              </form></td></tr>
          ))}</tbody></table>
      )}
    </Shell>
  );
}
