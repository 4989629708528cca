// The load generator, in a process of its own so its work never lands in the server's figures: a lean keep-alive
// client for throughput (autocannon for GETs), a one-at-a-time keep-alive client for latency. Driven over IPC by loader.ts.
import { Agent, request } from 'node:http';
import autocannon from 'autocannon';
import { runKeepAliveLoad, type Step } from './keep-alive-load.ts';
import type { LoadJob, LoadResult } from './loader.ts';

// Secrets the server hands out are single-use: each is taken from a pool once. A refresh grant puts its rotated
// token back, so a pool of refresh tokens lasts forever; email codes are used up.
const pools: Record<string, string[]> = {};
let starved = 0;
const take = (pool: string) => {
  const v = pools[pool]?.pop();
  if (v === undefined) starved += 1;
  return v ?? 'exhausted';
};

type Ctx = { email?: string; code?: string; session?: string };
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const json = { 'content-type': 'application/json' };

/** A confidential client at Cognito's token endpoint: an authorization code traded once, or client_credentials. */
function tokenEndpoint(job: Extract<LoadJob, { kind: 'code-exchange' | 'client-credentials' }>): Step<Ctx>[] {
  const headers = { ...form, authorization: job.authorization };
  if (job.kind === 'client-credentials') {
    const body = new URLSearchParams({ grant_type: 'client_credentials' }).toString();
    return [{ method: 'POST', path: '/oauth2/token', headers, body: () => body }];
  }
  return [{
    method: 'POST', path: '/oauth2/token', headers,
    body: () => new URLSearchParams({ grant_type: 'authorization_code', code: take('oidc-codes'), redirect_uri: job.redirectUri! }).toString(),
  }];
}

/** Two requests per sign-in, on one connection: the second carries what the first one's answer gave (the Session). */
function emailLoginSteps(job: Extract<LoadJob, { kind: 'json-login' | 'amplify-login' }>): Step<Ctx>[] {
  const start = (ctx: Ctx) => ([ctx.email, ctx.code] = take('login-codes').split(' '));
  const amz = (action: string) => ({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${action}` });
  return job.kind === 'json-login'
    ? [
      { method: 'POST', path: '/v1/auth/otp', headers: json, body: (ctx) => (start(ctx), JSON.stringify({ email: ctx.email, clientId: 'account' })) },
      { method: 'POST', path: '/v1/auth/otp/verify', headers: json, body: (ctx) => JSON.stringify({ email: ctx.email, code: ctx.code, clientId: 'account' }) },
    ]
    : [
      {
        method: 'POST', path: '/cognito-idp/', headers: amz('InitiateAuth'),
        body: (ctx) => (start(ctx), JSON.stringify({ AuthFlow: 'USER_AUTH', ClientId: 'account', AuthParameters: { USERNAME: ctx.email, PREFERRED_CHALLENGE: 'EMAIL_OTP' } })),
        onResponse: (status, body, ctx) => { if (status === 200) ctx.session = (JSON.parse(body) as { Session: string }).Session; },
      },
      {
        method: 'POST', path: '/cognito-idp/', headers: amz('RespondToAuthChallenge'),
        body: (ctx) => JSON.stringify({ ClientId: 'account', ChallengeName: 'EMAIL_OTP', Session: ctx.session, ChallengeResponses: { USERNAME: ctx.email, EMAIL_OTP_CODE: ctx.code } }),
      },
    ];
}

/** The JWKS and the bare route: autocannon, the tool the issue's own figure (0.70 at 50 connections) was taken with. */
function getThroughput(job: Extract<LoadJob, { kind: 'get' }>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    autocannon({ url: job.url, connections: job.connections, duration: job.seconds, requests: [{ method: 'GET', path: job.path }] }, (err, r) => {
      if (err) return reject(err);
      resolve({ perSecond: r['2xx'] / r.duration, count: r['2xx'], failed: r.non2xx + r.errors + r.timeouts, starved: 0, p99: r.latency.p99 });
    });
  });
}

async function throughput(job: Extract<LoadJob, { kind: 'refresh' | 'verify' | 'code-exchange' | 'client-credentials' | 'json-login' | 'amplify-login' }>): Promise<LoadResult> {
  const steps: Step<Ctx>[] = job.kind === 'code-exchange' || job.kind === 'client-credentials' ? tokenEndpoint(job)
    : job.kind === 'json-login' || job.kind === 'amplify-login' ? emailLoginSteps(job)
    : job.kind === 'refresh'
    ? [{
      method: 'POST', path: '/v1/token', headers: form,
      body: () => new URLSearchParams({ grant_type: 'refresh_token', refresh_token: take('refresh'), client_id: 'account' }).toString(),
      onResponse: (status, body) => { if (status === 200) pools.refresh.push((JSON.parse(body) as { refresh_token: string }).refresh_token); },
    }]
    : [{
      method: 'POST', path: '/v1/auth/otp/verify', headers: json,
      body: () => {
        const [email, code] = take('codes').split(' ');
        return JSON.stringify({ email, code, clientId: 'account' });
      },
    }];
  starved = 0;
  const r = await runKeepAliveLoad<Ctx>(job.url, { connections: job.connections, seconds: job.seconds, steps, newContext: () => ({}) });
  // A sign-in is a whole cycle of steps (two answers).
  const count = r.ok / steps.length;
  return { perSecond: count / r.seconds, count, failed: r.failed, starved, p99: 0 };
}

/**
 * POST /v1/auth/otp over a few kept-alive connections, each sending one request at a time: a known and an unknown
 * address per step, in random order. A few streams gather the samples in a quarter of the time, and the queueing
 * they add falls on both sides alike.
 */
async function otpLatency(job: Extract<LoadJob, { kind: 'otp-latency' }>): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.streams });
  const post = (email: string) => new Promise<number>((resolve, reject) => {
    const body = JSON.stringify({ email, clientId: 'account' });
    const start = performance.now();
    const req = request(`${job.url}/v1/auth/otp`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 202 ? resolve(performance.now() - start) : reject(new Error(`/v1/auth/otp answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
  const known: number[] = [];
  const unknown: number[] = [];
  const knownEmails = pools.known ?? [];
  if (knownEmails.length < job.samples + job.warmup) throw new Error('otp latency: not enough known addresses');
  let next = 0;
  await Promise.all(Array.from({ length: job.streams }, async () => {
    for (let i = next++; i < job.samples + job.warmup; i = next++) {
      const pair = [[knownEmails[i], known], [`nobody${i}-${process.pid}@example.com`, unknown]] as const;
      // A coin decides which goes first: strict alternation aliases with periodic work (checkpoints, GC, the
      // background mail loop) and pins those pauses on one side.
      for (const [email, into] of Math.random() < 0.5 ? [pair[1], pair[0]] : pair) {
        const ms = await post(email);
        if (i >= job.warmup) into.push(ms);
      }
    }
  }));
  agent.destroy();
  const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)];
  return { perSecond: 0, count: known.length + unknown.length, failed: 0, starved: 0, p99: 0, knownP99: p99(known), unknownP99: p99(unknown) };
}

/** One GET at a time over a kept-alive connection; exact percentiles (autocannon's are whole milliseconds). */
async function getLatency(job: Extract<LoadJob, { kind: 'get-latency' }>): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const get = () => new Promise<number>((resolve, reject) => {
    const start = performance.now();
    const req = request(`${job.url}${job.path}`, { agent, headers: job.headers }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - start) : reject(new Error(`GET ${job.path} answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
  const samples: number[] = [];
  for (let i = 0; i < job.samples + job.warmup; i++) {
    const ms = await get();
    if (i >= job.warmup) samples.push(ms);
  }
  agent.destroy();
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(samples.length * q))];
  return { perSecond: 0, count: samples.length, failed: 0, starved: 0, p99: at(0.99), latency: { p50: at(0.5), p99: at(0.99) } };
}

process.on('message', async (msg: { pools?: Record<string, string[]>; job?: LoadJob }) => {
  if (msg.pools) {
    Object.assign(pools, msg.pools);
    process.send!({ ok: true });
    return;
  }
  const job = msg.job!;
  try {
    const result = job.kind === 'otp-latency' ? await otpLatency(job) : job.kind === 'get-latency' ? await getLatency(job)
      : job.kind === 'get' ? await getThroughput(job) : await throughput(job);
    process.send!({ result });
  } catch (e) {
    process.send!({ error: (e as Error).message });
  }
});
process.send!({ ready: true });
