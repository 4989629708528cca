// The Cognito API client cutover reads pools with: paced under a request rate, throttling retried with jittered backoff.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Config } from '../core/shared/config.ts';

export interface CognitoCaller {
  client: CognitoIdentityProviderClient;
  /** Sends one request through the rate limiter, retrying throttling and transient faults. */
  call<T>(send: (client: CognitoIdentityProviderClient) => Promise<T>): Promise<T>;
}

export interface CallerOptions {
  region?: string;
  requestsPerSecond?: number;
  /** retries after the first attempt (default 8) */
  maxRetries?: number;
  /** first backoff ceiling in ms (default 200), doubled per retry up to 20 s */
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const RETRYABLE = new Set(['TooManyRequestsException', 'ThrottlingException', 'LimitExceededException', 'InternalErrorException', 'ServiceUnavailable']);

export function isRetryable(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  return RETRYABLE.has(err?.name ?? '') || Boolean(err?.$retryable) || (err?.$metadata?.httpStatusCode ?? 0) >= 500;
}

/**
 * A pacing limiter: each request takes the next slot 1/rps seconds after the previous one. Cognito's
 * quotas are per account and per category of operation (UserResourceRead covers ListUsers and friends),
 * and are shared with the live app still using the pool: staying well below them leaves it room.
 */
export function rateLimiter(requestsPerSecond: number, sleep: (ms: number) => Promise<void>) {
  if (!(requestsPerSecond > 0)) throw new TypeError('"cognito.requestsPerSecond" must be a positive number');
  const interval = 1000 / requestsPerSecond;
  let next = 0;
  return async () => {
    const now = Date.now();
    const at = Math.max(now, next);
    next = at + interval;
    if (at > now) await sleep(at - now);
  };
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createCognitoCaller(config: Config, options: CallerOptions = {}): CognitoCaller {
  const client = new CognitoIdentityProviderClient({
    region: options.region ?? config.aws.region ?? 'us-east-1',
    ...(config.aws.cognitoEndpoint ? { endpoint: config.aws.cognitoEndpoint } : {}),
    // We retry ourselves (with the limiter in the loop), so the SDK's own retries would only multiply attempts.
    maxAttempts: 1,
  });
  const sleep = options.sleep ?? defaultSleep;
  const acquire = rateLimiter(options.requestsPerSecond ?? config.cognito.requestsPerSecond, sleep);
  const maxRetries = options.maxRetries ?? 8;
  const base = options.baseDelayMs ?? 200;
  return {
    client,
    async call(send) {
      for (let attempt = 0; ; attempt++) {
        await acquire();
        try {
          return await send(client);
        } catch (e) {
          if (attempt >= maxRetries || !isRetryable(e)) throw e;
          // "Full jitter" (AWS Architecture Blog, Exponential Backoff And Jitter): spreads retries of many callers apart.
          await sleep(Math.random() * Math.min(20_000, base * 2 ** attempt));
        }
      }
    },
  };
}
