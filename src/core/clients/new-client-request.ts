// The request to register an app (client), as the admin API and `cutover clients create` both take it.
import { z } from 'zod';
import { fields } from '../shared/input.ts';

export const newClientSchema = z.object({
  name: z.string().trim().min(1).max(120),
  redirectUris: z.array(fields.url.refine((u) => /^https?:|^[a-z][a-z0-9+.-]*:/i.test(u) && !u.includes('#'), 'must be an absolute URL without a fragment')).min(1).max(50),
  audience: z.string().min(1).max(256).optional(),
  tenant: fields.tenant.optional(),
  // RFC 6749 §3.3 scope-token characters; e.g. aws.cognito.signin.user.admin lets the app's tokens add passkeys
  scopes: z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,128}$/, 'must be a scope name (RFC 6749 §3.3)')).max(50).optional(),
});
