// The request for an invitation batch, as the admin API and `cutover invite` both take it.
import { z } from 'zod';
import { fields, parseInput } from '../shared/input.ts';

/** At most this many explicit user ids per batch; larger campaigns use `freshlyMigrated`. */
export const MAX_USER_IDS = 10_000;

const userId = z.string().trim().min(1).max(64);
/**
 * The optional ramp (issue 17): mail `firstCohort` people first, then widen by `growth` (default 2) each time the
 * step before is settled and the campaign's bounce and complaint rates are under the thresholds.
 */
export const rampSchema = z.object({
  firstCohort: z.number().int().min(1).max(1_000_000),
  growth: z.number().min(1.1).max(10).default(2),
}).strict();
const common = { tenant: fields.tenant.optional(), clientId: fields.clientId.optional(), ramp: rampSchema.optional() };
export const invitationRequestSchema = z.union([
  z.object({ freshlyMigrated: z.literal(true), ...common }).strict(),
  z.object({ userIds: z.array(userId).min(1).max(MAX_USER_IDS), ...common }).strict(),
]);

/** zod's union error names no field; this check names the one that is wrong first. */
export function parseInvitationRequest(body: unknown) {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    if (!('userIds' in b) && b.freshlyMigrated !== true) {
      parseInput(z.object({ freshlyMigrated: z.literal(true, 'must be true (or send "userIds" instead)') }), b);
    }
    const branch = 'userIds' in b ? invitationRequestSchema.options[1] : invitationRequestSchema.options[0];
    return parseInput(branch, b);
  }
  return parseInput(invitationRequestSchema, body);
}
