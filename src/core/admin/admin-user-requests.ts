// Request shapes of the admin people endpoints (SPEC §5, §11), shared by the API, the console and the CLI.
import { z } from 'zod';
import { DEFAULT_TENANT } from '../clients/clients.ts';
import { fields } from '../shared/input.ts';

const bool = z.enum(['true', 'false'], 'must be true or false').transform((v) => v === 'true');

export const listUsersQuery = z.object({
  tenant: fields.tenant.default(DEFAULT_TENANT),
  email: z.string().trim().min(1).max(254).optional(),
  emailPrefix: z.string().trim().min(1, 'must not be empty').max(254).optional(),
  role: z.string().trim().min(1).max(128).optional(),
  legacySub: z.string().trim().min(1).max(128).optional(),
  freshlyMigrated: bool.optional(),
  signedIn: bool.optional(),
  cursor: z.string().min(1).max(400).optional(),
  limit: z.string().regex(/^\d+$/, 'must be an integer from 1 to 200').transform(Number)
    .pipe(z.number().int().min(1, 'must be an integer from 1 to 200').max(200, 'must be an integer from 1 to 200')).default(50),
});

export const userIdParam = z.object({ id: z.string().min(1).max(128) });

// Profile keys are the standard OpenID claims Cognito carries; email lives outside the profile (it is the sign-in key).
const profileKey = z.string().regex(/^[a-z][a-z_]{0,63}$/, 'must be a standard attribute name (lower case and _)').refine((k) => k !== 'email' && k !== 'email_verified', 'email is not editable here');
const attributeKey = z.string().regex(/^custom:[A-Za-z0-9_.:-]{1,64}$/, 'must start with "custom:"');
const value = z.string().max(2048, 'must be at most 2048 characters').nullable();

export const userPatchSchema = z.object({
  enabled: z.boolean('must be true or false').optional(),
  profile: z.record(profileKey, value).optional(),
  attributes: z.record(attributeKey, value).optional(),
  roles: z.array(z.string().trim().min(1, 'must not be empty').max(128)).max(100).transform((r) => [...new Set(r)]).optional(),
}).strict().refine((p) => Object.values(p).some((v) => v !== undefined), 'send at least one of enabled, profile, attributes, roles');

export const passkeyParam = z.object({ id: z.string().min(1).max(128), passkeyId: z.string().min(1).max(1400).regex(/^[A-Za-z0-9_-]+$/, 'must be a credential id') });

export const reinviteBody = z.object({ clientId: fields.clientId.optional() }).strict();

export const auditQuery = z.object({
  userId: z.string().trim().min(1).max(128).optional(),
  type: z.string().trim().min(1).max(64).regex(/^[a-z_.]+$/, 'must be an event type such as user.disabled').optional(),
  cursor: z.string().min(1).max(400).optional(),
  limit: z.string().regex(/^\d+$/, 'must be an integer from 1 to 200').transform(Number)
    .pipe(z.number().int().min(1, 'must be an integer from 1 to 200').max(200, 'must be an integer from 1 to 200')).default(50),
});
