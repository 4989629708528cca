// Reads how a client presents itself at the token endpoint: HTTP Basic (RFC 6749 §2.3.1) or client_id/client_secret in the form.
import type { Context } from 'hono';
import { InvalidRequestError } from '../core/shared/errors.ts';
import type { PresentedClient } from '../core/clients/authenticate-client.ts';

/** RFC 6749 §2.3.1: each half is form-urlencoded before the pair is base64-encoded. */
const formDecode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));

function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  const m = header ? /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header) : null;
  if (!m) return null;
  let decoded: string;
  try {
    decoded = atob(m[1]);
  } catch {
    throw new InvalidRequestError('Authorization: Basic credentials are not base64');
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new InvalidRequestError('Authorization: Basic credentials must be client_id:client_secret');
  try {
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    throw new InvalidRequestError('Authorization: Basic credentials are not form-urlencoded');
  }
}

export function presentedClient(c: Context, form: { client_id?: string; client_secret?: string }): PresentedClient {
  const basic = basicCredentials(c.req.header('authorization'));
  if (basic) {
    // RFC 6749 §2.3: a client must not use more than one authentication method in a request.
    if (form.client_secret !== undefined) throw new InvalidRequestError('client_secret: send the secret either in Authorization: Basic or in the body, not both');
    if (form.client_id !== undefined && form.client_id !== basic.id) throw new InvalidRequestError('client_id: differs from the one in Authorization: Basic');
    return { clientId: basic.id, clientSecret: basic.secret, method: 'client_secret_basic' };
  }
  if (!form.client_id) throw new InvalidRequestError('client_id: Required (or Authorization: Basic)', 'client_id');
  if (form.client_secret !== undefined) return { clientId: form.client_id, clientSecret: form.client_secret, method: 'client_secret_post' };
  return { clientId: form.client_id, method: 'none' };
}
