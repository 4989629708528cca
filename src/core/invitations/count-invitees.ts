// Dry run of an invitation batch: how many people it would invite right now; writes nothing.
import type { Deps } from '../shared/deps.ts';
import { resolveInvitationRequest, type InvitationRequest } from './create-invitation-batch.ts';

export async function countInvitees(deps: Pick<Deps, 'stores'>, req: InvitationRequest): Promise<{ wouldQueue: number; tenant: string; clientId: string }> {
  const { client, selection } = await resolveInvitationRequest(deps, req);
  return { wouldQueue: await deps.stores.invitations.countRecipients(selection), tenant: selection.tenant, clientId: client.id };
}
