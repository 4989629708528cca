// The request that settles an import conflict (API and console): merge into a person (id or email), or a separate person.
import { z } from 'zod';

export const conflictKeyParam = z.object({ userPoolId: z.string().min(1).max(64), sub: z.string().min(1).max(128) });

export const resolveConflictRequest = z.discriminatedUnion('resolution', [
  z.object({ resolution: z.literal('merge'), into: z.string().trim().min(1, 'give the id or email of the person to merge into').max(254) }).strict(),
  z.object({ resolution: z.literal('separate') }).strict(),
], 'resolution: must be "merge" or "separate"');
