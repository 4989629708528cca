// Dry run of an invitation batch: whom it would invite right now and who is left out, and why; writes nothing.
import type { Deps } from '../shared/deps.ts';
import type { RecipientPreview } from '../ports/invitations.ts';
import { resolveInvitationRequest, type InvitationRequest } from './create-invitation-batch.ts';

export interface InviteePreview extends RecipientPreview {
  wouldQueue: number;
  tenant: string;
  clientId: string;
}

/** Who a batch would invite now (the first `limit`), how many in all, and who was left out and why. */
export async function countInvitees(deps: Pick<Deps, 'stores'>, req: InvitationRequest, limit = 50): Promise<InviteePreview> {
  const { client, selection } = await resolveInvitationRequest(deps, req);
  const [wouldQueue, preview] = await Promise.all([
    deps.stores.invitations.countRecipients(selection),
    deps.stores.invitations.previewRecipients(selection, limit),
  ]);
  return { wouldQueue, tenant: selection.tenant, clientId: client.id, ...preview };
}
