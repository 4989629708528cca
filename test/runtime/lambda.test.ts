// The Lambda entry in-process, fed AWS's documented event samples (API Gateway HTTP API payload 2.0 and a Function URL,
// test/fixtures/aws) with only method, path, headers and body changed: an email-code sign-in end to end on PostgreSQL.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { and, desc, eq } from 'drizzle-orm';
import { outbox } from '../../db/sqlite/schema.ts';
import httpApiSample from '../fixtures/aws/http-api-v2-event.json' with { type: 'json' };
import functionUrlSample from '../fixtures/aws/function-url-event.json' with { type: 'json' };
import { openTestPostgres } from '../helpers/postgres.ts';
import { codeOf } from '../helpers/email-flow.ts';

const ISSUER = 'https://id.execute-api.us-east-1.amazonaws.com';
let pg: Awaited<ReturnType<typeof openTestPostgres>>;
let lambda: typeof import('../../src/runtime/lambda.ts');
const saved = { ...process.env };

beforeAll(async () => {
  pg = await openTestPostgres(1);
  Object.assign(process.env, {
    CUTOVER_DATABASE_URL: pg.url, CUTOVER_ISSUER: ISSUER, CUTOVER_SECRET: 'test-secret-test-secret-test-secret!', CUTOVER_MAILER: 'log',
  });
  lambda = await import('../../src/runtime/lambda.ts');
});
afterAll(async () => {
  await lambda?.close();
  process.env = saved;
  await pg?.close();
});

type Sample = typeof httpApiSample | typeof functionUrlSample;
/** AWS's sample with this request's method, path, query, headers and body. */
function event(sample: Sample, method: string, path: string, body?: unknown, query = '') {
  const e = structuredClone(sample) as Record<string, any>;
  // The Function URL sample names its URL id as a placeholder; a real event carries one.
  e.requestContext.domainName = e.requestContext.domainName.replace('<url-id>', 'a1b2c3d4e5f6g7h8i9j0');
  e.rawPath = path;
  e.rawQueryString = query;
  e.queryStringParameters = query ? Object.fromEntries(new URLSearchParams(query)) : undefined;
  e.cookies = undefined;
  e.headers = { 'content-type': 'application/json', host: e.requestContext.domainName };
  e.requestContext.http.method = method;
  e.requestContext.http.path = path;
  e.body = body === undefined ? undefined : JSON.stringify(body);
  return e as never;
}
const call = async (e: never) => {
  const res = (await lambda.handler(e, {} as never)) as { statusCode: number; body: string; headers: Record<string, string> };
  return { ...res, json: () => JSON.parse(res.body) };
};

it('signs someone in by email code through API Gateway v2 events, mail sent by the scheduled handler', async () => {
  const email = 'ada@example.com';
  const asked = await call(event(httpApiSample, 'POST', '/v1/auth/otp', { email, clientId: 'account' }));
  expect(asked.statusCode, asked.body).toBe(202);
  expect(asked.headers['x-request-id']).toBeTruthy();

  // Nothing is mailed on the request path: the scheduled handler drains the outbox.
  const ran = await lambda.scheduled({ source: 'aws.events', 'detail-type': 'Scheduled Event' }, { getRemainingTimeInMillis: () => 6_500 });
  expect(ran.runs).toBeGreaterThan(0);
  const [mail] = await pg.db.select({ text: outbox.text }).from(outbox).where(and(eq(outbox.kind, 'mailbox'), eq(outbox.to, email))).orderBy(desc(outbox.createdAt));
  const code = codeOf(mail!.text)!;

  const verified = await call(event(httpApiSample, 'POST', '/v1/auth/otp/verify', { email, code, clientId: 'account' }));
  expect(verified.statusCode, verified.body).toBe(200);
  const tokens = verified.json();

  // The tokens check out against the JWKS the same function serves through a Function URL event.
  const jwks = await call(event(functionUrlSample, 'GET', '/.well-known/jwks.json'));
  expect(jwks.statusCode).toBe(200);
  const { payload } = await jwtVerify(tokens.id_token, createLocalJWKSet(jwks.json()), { issuer: ISSUER, audience: 'account', algorithms: ['RS256'] });
  expect(payload.email).toBe(email);

  const again = await call(event(functionUrlSample, 'POST', '/v1/auth/otp/verify', { email, code, clientId: 'account' }));
  expect(again.statusCode).toBeGreaterThanOrEqual(400);
});

it('answers liveness and readiness, and records the sign-in in its metrics', async () => {
  expect((await call(event(functionUrlSample, 'GET', '/healthz'))).statusCode).toBe(200);
  const ready = await call(event(httpApiSample, 'GET', '/readyz'));
  expect(ready.json()).toEqual({ ready: true });
  const metrics = await call(event(httpApiSample, 'GET', '/metrics'));
  expect(metrics.body).toMatch(/cutover_sign_ins_total\{method="email"\} 1/);
  expect(metrics.body).toMatch(/cutover_http_requests_total\{method="POST",route="\/v1\/auth\/otp\/verify",status="200"\} 1/);
});
