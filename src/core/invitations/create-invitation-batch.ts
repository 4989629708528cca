// Creates an invitation batch: picks the client, then snapshots who is invited in one atomic write.
import type { Deps } from '../shared/deps.ts';
import { ACCOUNT_CLIENT_ID } from '../clients/clients.ts';
import { newId } from '../shared/crypto.ts';
import { InvalidRequestError } from '../shared/errors.ts';
import type { Client } from '../ports/clients.ts';
import type { RampPlan, RecipientSelection } from '../ports/invitations.ts';
import { sesEventsConfigured } from '../mail-events/ses-events-config.ts';
import type { AdminActor } from '../admin/admin-actor.ts';

/** SPEC §5: `{freshlyMigrated: true, tenant?, clientId?}` or `{userIds, clientId?}`. */
export type InvitationRequest =
  | { freshlyMigrated: true; tenant?: string; clientId?: string; ramp?: RampPlan }
  | { userIds: string[]; tenant?: string; clientId?: string; ramp?: RampPlan };

/** The client the links are for (default `account`) and who the batch picks; both checked against each other. */
export async function resolveInvitationRequest(
  deps: Pick<Deps, 'stores'>,
  req: InvitationRequest,
): Promise<{ client: Client; selection: RecipientSelection }> {
  const clientId = req.clientId ?? ACCOUNT_CLIENT_ID;
  const client = await deps.stores.clients.findById(clientId);
  if (!client) throw new InvalidRequestError(`clientId: unknown client "${clientId.slice(0, 80)}"`, 'clientId');
  const tenant = req.tenant ?? client.tenant;
  // A link signs the person in through this client, and a client only serves its own tenant.
  if (tenant !== client.tenant) {
    throw new InvalidRequestError(`clientId: client "${client.id}" belongs to tenant "${client.tenant}", not "${tenant}"; pass a clientId of that tenant`, 'clientId');
  }
  const selection: RecipientSelection = 'userIds' in req
    ? { kind: 'userIds', tenant, userIds: [...new Set(req.userIds)] }
    : { kind: 'freshlyMigrated', tenant };
  return { client, selection };
}

/** `by`: the admin who started it (key or console person), for the audit's who and from where. */
export async function createInvitationBatch(deps: Deps, req: InvitationRequest, by?: AdminActor): Promise<{ batchId: string; queued: number }> {
  const { client, selection } = await resolveInvitationRequest(deps, req);
  // A ramp widens on what SES events report: without them it would never get past its first cohort.
  if (req.ramp && !sesEventsConfigured(deps.config)) {
    throw new InvalidRequestError('ramp: needs SES events (set CUTOVER_SES_EVENTS_TOPIC_ARNS or CUTOVER_SES_EVENTBRIDGE_SECRET)', 'ramp');
  }
  const now = deps.clock.now();
  const batch = await deps.stores.invitations.createBatch({ id: newId('inv').toLowerCase(), tenant: selection.tenant, clientId: client.id, ramp: req.ramp }, selection, now);
  await deps.stores.audit.record({
    type: 'invitations.batch_created', tenant: batch.tenant, clientId: client.id, actor: by?.actor ?? null, ip: by?.ip ?? null,
    detail: { batchId: batch.id, queued: batch.queued, selection: selection.kind, ...(req.ramp ? { ramp: req.ramp } : {}) },
  }, now);
  return { batchId: batch.id, queued: batch.queued };
}
