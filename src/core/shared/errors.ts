// One error family with stable codes: the core throws these, only src/http picks a status and body.

export type AuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'login_required'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'invalid_code'
  | 'expired'
  | 'unsupported_grant_type'
  | 'unsupported_media_type'
  | 'unavailable'
  // RFC 6749 §5.2 and OIDC Core §3.1.2.6
  | 'invalid_scope'
  | 'unauthorized_client'
  | 'unsupported_response_type';

export class AuthError extends Error {
  readonly code: AuthErrorCode;
  constructor(code: AuthErrorCode, message: string) {
    super(message);
    this.name = 'AuthError';
    this.code = code;
  }
}

/** The body is not of the media type the endpoint reads (JSON endpoints take application/json, exactly). */
export class UnsupportedMediaTypeError extends AuthError {
  constructor(message: string) {
    super('unsupported_media_type', message);
    this.name = 'UnsupportedMediaTypeError';
  }
}

/** Input failed validation; `field` is the dotted path of the first bad field. */
export class InvalidRequestError extends AuthError {
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super('invalid_request', message);
    this.name = 'InvalidRequestError';
    this.field = field;
  }
}

/** Too many attempts; `retryAfterSeconds` feeds the Retry-After header. */
export class RateLimitedError extends AuthError {
  readonly retryAfterSeconds: number;
  /** The counter that refused, and when its window began: what aggregates refusals in the audit log. */
  readonly limitKey: string;
  readonly windowStart: number;
  constructor(message: string, retryAfterSeconds: number, limit: { key: string; windowStart: number } = { key: 'unknown', windowStart: 0 }) {
    super('rate_limited', message);
    this.name = 'RateLimitedError';
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
    this.limitKey = limit.key;
    this.windowStart = limit.windowStart;
  }
}

/** RFC 6749 §5.2: the client failed to authenticate at the token endpoint (401, and a Basic challenge when it used Basic). */
export class ClientAuthError extends AuthError {
  readonly usedBasic: boolean;
  constructor(message: string, usedBasic: boolean) {
    super('invalid_client', message);
    this.name = 'ClientAuthError';
    this.usedBasic = usedBasic;
  }
}

export const isAuthError = (e: unknown): e is AuthError => e instanceof AuthError;
