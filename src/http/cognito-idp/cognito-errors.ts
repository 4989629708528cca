// The error answers of the Cognito JSON API: `{"__type", "message"}` with Cognito's exception names (never the house shape).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AuthError, RateLimitedError, type AuthErrorCode } from '../../core/shared/errors.ts';
import { CognitoApiError, type CognitoExceptionName } from '../../core/cognito-api/cognito-api-error.ts';
import { BodyTooLargeError } from '../request-body.ts';
import { isAbortedBody } from '../validate.ts';

export const AMZ_JSON = 'application/x-amz-json-1.1';

/**
 * Every answer's headers, CORS included, given with the body: like Cognito's own endpoint, any origin and no cookies
 * (every token travels in the body), so `*` opens nothing. Set with the body rather than by a middleware around the
 * handler, which makes Hono build a placeholder response and copy it over (a third of this route's cost under load).
 */
export const answerHeaders = () => ({
  'content-type': AMZ_JSON,
  'cache-control': 'no-store',
  'x-amzn-requestid': crypto.randomUUID(),
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'x-amzn-requestid,x-amzn-errortype,x-amzn-errormessage,date',
});

/** The house's codes, when a core use case refused in its own words, as the Cognito exception that means the same. */
const EXCEPTION_OF: Partial<Record<AuthErrorCode, CognitoExceptionName>> = {
  invalid_request: 'InvalidParameterException',
  invalid_client: 'ResourceNotFoundException',
  invalid_code: 'CodeMismatchException',
  expired: 'ExpiredCodeException',
  rate_limited: 'TooManyRequestsException',
  not_found: 'ResourceNotFoundException',
  unsupported_media_type: 'SerializationException',
  unavailable: 'InternalErrorException',
};

/** Cognito answers 400 for every client-side exception (throttling included) and 500 for its own faults. */
const statusOf = (name: CognitoExceptionName): ContentfulStatusCode => (name === 'InternalErrorException' ? 500 : 400);

export function cognitoError(c: Context, name: CognitoExceptionName, message: string): Response {
  // Amplify and the AWS SDKs read the name from x-amzn-errortype first, then from __type.
  return c.body(JSON.stringify({ __type: name, message }), statusOf(name), { ...answerHeaders(), 'x-amzn-errortype': `${name}:` });
}

export function cognitoErrorResponse(err: Error, c: Context): Response {
  if (err instanceof CognitoApiError) return cognitoError(c, err.exception, err.message);
  if (err instanceof AuthError) {
    if (err instanceof RateLimitedError) c.header('Retry-After', String(err.retryAfterSeconds));
    return cognitoError(c, EXCEPTION_OF[err.code] ?? 'NotAuthorizedException', err.message);
  }
  if (err instanceof BodyTooLargeError) {
    c.header('connection', 'close');
    return cognitoError(c, 'InvalidParameterException', err.message);
  }
  if (isAbortedBody(err)) return cognitoError(c, 'SerializationException', 'the request body was not received whole');
  console.error('unhandled error in the Cognito API', err);
  return cognitoError(c, 'InternalErrorException', 'internal error');
}
