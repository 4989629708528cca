/** @jsxImportSource hono/jsx */
// Console routes: overview, report, invitations (dry run, start, live progress, resend), imports, clients (secret rotation), providers, keys, audit.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../../core/shared/deps.ts';
import { AuthError } from '../../../core/shared/errors.ts';
import { DEFAULT_TENANT } from '../../../core/clients/clients.ts';
import { buildMigrationReport } from '../../../core/report/build-migration-report.ts';
import { countInvitees } from '../../../core/invitations/count-invitees.ts';
import { createInvitationBatch } from '../../../core/invitations/create-invitation-batch.ts';
import { getInvitationProgress } from '../../../core/invitations/invitation-progress.ts';
import { listInvitations } from '../../../core/invitations/list-invitations.ts';
import { resendUnknownInvitations } from '../../../core/invitations/resend-unknown-invitations.ts';
import { listImportActivity } from '../../../core/import/list-import-activity.ts';
import { resolveImportConflict } from '../../../core/import/resolve-import-conflict.ts';
import { conflictKeyParam, resolveConflictRequest } from '../../../core/import/resolve-conflict-request.ts';
import { listClients } from '../../../core/clients/list-clients.ts';
import { listSigningKeys } from '../../../core/keys/list-signing-keys.ts';
import { listAudit } from '../../../core/admin/list-audit.ts';
import { rotateKeysAsAdmin } from '../../../core/admin/rotate-keys-as-admin.ts';
import type { ConsoleVars } from '../../middleware/console-auth.ts';
import { actorOf } from '../../middleware/admin-auth.ts';
import { OverviewPage, ReportPage } from '../../pages/admin/report.tsx';
import { CampaignPage, ImportsPage, InvitationsPage } from '../../pages/admin/operations.tsx';
import { AuditPage, ClientsPage, KeysPage, ProvidersPage } from '../../pages/admin/settings-pages.tsx';
import { rotateClientSecret } from '../../../core/clients/rotate-client-secret.ts';
import { listProviders } from '../../../core/federation/list-providers.ts';
import { withLang } from '../../pages/admin/shell.tsx';
import { fields, parseInput } from '../../../core/shared/input.ts';
import { auditQuery } from '../../../core/admin/admin-user-requests.ts';
import { backTo, formOf, nonBlank, shellProps } from './console-context.ts';

const campaignForm = z.object({ clientId: fields.clientId });
const batchParam = z.object({ batchId: z.string().min(1).max(64) });
const clientParam = z.object({ id: fields.clientId });

export function consoleOperationRoutes(deps: Deps) {
  const app = new Hono<ConsoleVars>();
  const tenant = DEFAULT_TENANT;

  app.get('/admin', async (c) => c.html(<OverviewPage {...shellProps(c, deps)} report={(await buildMigrationReport(deps, { tenant })).report} />));
  app.get('/admin/report', async (c) => {
    const { report, chart } = await buildMigrationReport(deps, { tenant });
    return c.html(<ReportPage {...shellProps(c, deps)} report={report} chart={chart} />);
  });

  const campaigns = async () => (await listAudit(deps, { type: 'invitations.batch_created', limit: 50 })).events;
  app.get('/admin/invitations', async (c) => c.html(<InvitationsPage {...shellProps(c, deps)} clients={await listClients(deps, tenant)} campaigns={await campaigns()} />));
  // The dry run first: the count is shown with the button that starts the campaign for real.
  app.post('/admin/invitations/count', async (c) => {
    const { clientId } = parseInput(campaignForm, await formOf(c));
    const count = await countInvitees(deps, { freshlyMigrated: true, tenant, clientId });
    return c.html(<InvitationsPage {...shellProps(c, deps)} clients={await listClients(deps, tenant)} campaigns={await campaigns()} count={count} />);
  });
  app.post('/admin/invitations', async (c) => {
    const { clientId } = parseInput(campaignForm, await formOf(c));
    const { batchId } = await createInvitationBatch(deps, { freshlyMigrated: true, tenant, clientId }, actorOf(c));
    return c.redirect(withLang(`/admin/invitations/${encodeURIComponent(batchId)}`, shellProps(c, deps).locale), 303);
  });
  app.get('/admin/invitations/:batchId', async (c) => {
    const { batchId } = parseInput(batchParam, c.req.param());
    const progress = await getInvitationProgress(deps, batchId);
    const unknown = (await listInvitations(deps, batchId, { status: 'unknown', limit: 100 })).invitations;
    return c.html(<CampaignPage {...shellProps(c, deps)} batchId={batchId} progress={progress} unknown={unknown} />);
  });
  app.post('/admin/invitations/:batchId/resend-unknown', async (c) => {
    const { batchId } = parseInput(batchParam, c.req.param());
    await resendUnknownInvitations(deps, batchId, actorOf(c));
    return backTo(c, `/admin/invitations/${encodeURIComponent(batchId)}`);
  });

  app.get('/admin/imports', async (c) => c.html(<ImportsPage {...shellProps(c, deps)} {...await listImportActivity(deps, tenant)} />));
  app.post('/admin/imports/conflicts/:userPoolId/:sub/resolve', async (c) => {
    const key = parseInput(conflictKeyParam, c.req.param());
    const form = await formOf(c);
    // The "into" box is ignored for a separate import (the form always sends it).
    const how = parseInput(resolveConflictRequest, form.resolution === 'separate' ? { resolution: 'separate' } : { resolution: form.resolution, into: form.into ?? '' });
    const { userId } = await resolveImportConflict(deps, actorOf(c), { userPoolId: key.userPoolId, legacySub: key.sub }, how);
    return backTo(c, `/admin/people/${encodeURIComponent(userId)}`);
  });
  app.get('/admin/clients', async (c) => c.html(<ClientsPage {...shellProps(c, deps)} clients={await listClients(deps)} />));
  // The new secret is answered in the page itself, never through a redirect: it exists nowhere else in clear.
  app.post('/admin/clients/:id/rotate-secret', async (c) => {
    const { id } = parseInput(clientParam, c.req.param());
    const form = await formOf(c);
    const rotated = await rotateClientSecret(deps, actorOf(c), { clientId: id, ...(form.overlap === 'none' ? { overlapSeconds: 0 } : {}) });
    c.header('Cache-Control', 'no-store');
    return c.html(<ClientsPage {...shellProps(c, deps)} clients={await listClients(deps)} rotated={rotated} />);
  });
  app.get('/admin/providers', async (c) => c.html(<ProvidersPage {...shellProps(c, deps)} providers={await listProviders(deps)} />));
  app.get('/admin/keys', async (c) => c.html(<KeysPage {...shellProps(c, deps)} keys={await listSigningKeys(deps)} />));
  app.post('/admin/keys/rotate', async (c) => {
    const form = await formOf(c);
    await rotateKeysAsAdmin(deps, actorOf(c), form.now === 'yes');
    return backTo(c, '/admin/keys');
  });

  app.get('/admin/audit', async (c) => {
    const filters = nonBlank(c.req.query());
    const props = shellProps(c, deps);
    try {
      const page = await listAudit(deps, parseInput(auditQuery, filters));
      const next = page.nextCursor ? withLang(`/admin/audit?${new URLSearchParams({ ...filters, cursor: page.nextCursor })}`, props.locale) : null;
      return c.html(<AuditPage {...props} events={page.events} filters={filters} nextHref={next} />);
    } catch (e) {
      if (!(e instanceof AuthError)) throw e;
      return c.html(<AuditPage {...props} events={[]} filters={filters} nextHref={null} error={e.message} />, 400);
    }
  });
  return app;
}
