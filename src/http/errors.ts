// The one place that turns errors into HTTP answers: {"error": code, "message": ...} with a 4xx/5xx status.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isAbortedBody } from './validate.ts';
import { BodyTooLargeError } from './request-body.ts';
import { AuthError, ClientAuthError, RateLimitedError, type AuthErrorCode } from '../core/shared/errors.ts';

const STATUS: Record<AuthErrorCode, ContentfulStatusCode> = {
  invalid_request: 400,
  invalid_client: 400,
  invalid_grant: 400,
  invalid_token: 401,
  // RFC 6750 §3.1: a valid token lacking a scope, or (OIDC's login_required) a sign-in too old for the step
  insufficient_scope: 403,
  login_required: 403,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  invalid_code: 400,
  expired: 400,
  unsupported_grant_type: 400,
  unsupported_media_type: 415,
  unavailable: 503,
  invalid_scope: 400,
  unauthorized_client: 400,
  unsupported_response_type: 400,
};

const OAUTH_PATH = /^\/(oauth2\/|v1\/token$|v1\/revoke$|v1\/userinfo$)/;

/** An AuthError a driver wrapped (a query builder's error around the store's `unavailable`): its own answer. */
function authErrorBehind(err: Error): AuthError | null {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) if (e instanceof AuthError) return e;
  return null;
}

export function errorResponse(error: Error, c: Context): Response {
  const err = authErrorBehind(error) ?? error;
  if (err instanceof AuthError) {
    if (err.code === 'unavailable') c.header('Retry-After', '5');
    if (err instanceof RateLimitedError) c.header('Retry-After', String(err.retryAfterSeconds));
    if (err.code === 'invalid_token') c.header('WWW-Authenticate', `Bearer error="invalid_token"`);
    if (err.code === 'unauthorized') c.header('WWW-Authenticate', 'Bearer');
    if (err.code === 'insufficient_scope') c.header('WWW-Authenticate', `Bearer error="insufficient_scope"`);
    if (err instanceof ClientAuthError) {
      // RFC 6749 §5.2: a failed client authentication is a 401; a client that tried Basic gets a Basic challenge.
      if (err.usedBasic) c.header('WWW-Authenticate', 'Basic realm="token", charset="UTF-8"');
      return c.json({ error: err.code, error_description: err.message, message: err.message }, 401);
    }
    // OAuth endpoints also say it as error_description, the RFC 6749 §5.2 name OAuth libraries show.
    if (OAUTH_PATH.test(c.req.path)) return c.json({ error: err.code, error_description: err.message, message: err.message }, STATUS[err.code]);
    return c.json({ error: err.code, message: err.message }, STATUS[err.code]);
  }
  if (err instanceof BodyTooLargeError) {
    // Refused mid-body: the rest of it is unread, so this connection cannot carry another request.
    c.header('connection', 'close');
    return c.json({ error: 'payload_too_large', message: err.message }, 413);
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    return c.json({ error: status === 413 ? 'payload_too_large' : 'invalid_request', message: err.message || 'bad request' }, status);
  }
  if (isAbortedBody(err)) {
    // The client hung up mid-body: nobody reads this answer, and a stack per dropped upload only buries real faults.
    console.warn(`cutover: ${c.req.method} ${c.req.path}: the client aborted the request body`);
    return c.json({ error: 'invalid_request', message: 'the request body was not received whole' }, 400);
  }
  console.error('unhandled error', err);
  return c.json({ error: 'server_error', message: 'internal error' }, 500);
}
