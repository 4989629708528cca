// Parent side of the load generator: one child process (load-child.ts) that keeps its pools between jobs.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type LoadJob =
  | { kind: 'get'; url: string; path: string; connections: number; seconds: number }
  | { kind: 'refresh' | 'verify'; url: string; connections: number; seconds: number }
  /** /oauth2/token as a confidential client (client_secret_basic): a code from the `oidc-codes` pool, or client_credentials */
  | { kind: 'code-exchange' | 'client-credentials'; url: string; connections: number; seconds: number; authorization: string; redirectUri?: string }
  /** a whole email-code sign-in per two requests, code from the `login-codes` pool: the JSON API's (POST /v1/auth/otp,
   * then /v1/auth/otp/verify) or Amplify's (InitiateAuth USER_AUTH + EMAIL_OTP, then RespondToAuthChallenge) */
  | { kind: 'json-login' | 'amplify-login'; url: string; connections: number; seconds: number }
  | { kind: 'otp-latency'; url: string; samples: number; warmup: number; streams: number }
  /** GET `path` one request at a time over one kept-alive connection: `samples` latencies after `warmup` */
  | { kind: 'get-latency'; url: string; path: string; headers?: Record<string, string>; samples: number; warmup: number };

export interface LoadResult {
  /** 2xx answers per second */
  perSecond: number;
  /** 2xx answers in all */
  count: number;
  /** non-2xx answers, socket errors and timeouts: any makes the figure void */
  failed: number;
  /** requests sent without a prepared secret (the pool ran dry): any makes the figure void */
  starved: number;
  /** autocannon's p99, whole milliseconds */
  p99: number;
  knownP99?: number;
  unknownP99?: number;
  /** get-latency: exact percentiles of the samples, ms */
  latency?: { p50: number; p99: number };
}

export interface Loader {
  /** Hands the child single-use secrets: `refresh` tokens, `codes` ("email code"), `known` emails. */
  fill(pools: Record<string, string[]>): Promise<void>;
  run(job: LoadJob): Promise<LoadResult>;
  stop(): void;
}

const CHILD = fileURLToPath(new URL('./load-child.ts', import.meta.url));

export async function startLoader(): Promise<Loader> {
  const child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const reply = () => new Promise<{ result?: LoadResult; error?: string }>((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`load child exited with ${code}`));
    child.once('exit', onExit);
    child.once('message', (m: { result?: LoadResult; error?: string }) => {
      child.off('exit', onExit);
      resolve(m);
    });
  });
  await reply();
  return {
    fill: async (pools) => {
      const done = reply();
      child.send({ pools });
      await done;
    },
    run: async (job) => {
      const done = reply();
      child.send({ job });
      const { result, error } = await done;
      if (!result) throw new Error(`load ${job.kind}: ${error}`);
      if (result.failed || result.starved) throw new Error(`load ${job.kind}: ${result.failed} failed, ${result.starved} without a secret`);
      return result;
    },
    stop: () => child.kill(),
  };
}
