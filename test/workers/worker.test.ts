// The Workers build, run in workerd (Miniflare) against D1: discovery, JWKS and a refresh grant.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Miniflare } from 'miniflare';
import { drizzle } from 'drizzle-orm/d1';
import { migrate } from 'drizzle-orm/d1/migrator';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import * as schema from '../../db/sqlite/schema.ts';
import { parseEnv } from '../../src/core/shared/config.ts';
import { issueTokenSet } from '../../src/core/tokens/issue-tokens.ts';
import { requireClient } from '../../src/core/clients/clients.ts';
import { MIGRATIONS_DIR } from '../../src/runtime/node/open-sqlite.ts';
import type { Db } from '../../src/storage/db.ts';
import { makeDeps, prepare } from '../../src/runtime/deps.ts';
import { seedUser } from '../helpers/users.ts';
import { D1OverFetch, d1Worker } from '../helpers/d1-over-fetch.ts';

const ISSUER = 'https://auth.worker.test';
const vars = { CUTOVER_ISSUER: ISSUER, CUTOVER_MAILER: 'log', CUTOVER_SECRET: 'worker-test-secret-worker-test-secret' };
let mf: Miniflare;

beforeAll(async () => {
  // Bundle exactly as `wrangler deploy` would.
  const outdir = mkdtempSync(join(tmpdir(), 'cutover-worker-'));
  execFileSync(process.execPath, ['node_modules/wrangler/bin/wrangler.js', 'deploy', '--dry-run', '--outdir', outdir], {
    stdio: 'ignore', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
  // The bundled worker, and beside it on the same D1 database the one that runs this process's statements (d1-over-fetch).
  const databaseId = crypto.randomUUID();
  mf = new Miniflare({
    workers: [{
      name: 'cutover',
      modules: true,
      modulesRoot: outdir,
      scriptPath: join(outdir, 'worker.js'),
      // As wrangler.toml's [[rules]] declare on upload: the WebAuthn browser bundle is a Text module.
      modulesRules: [{ type: 'Text', include: ['**/*.umd.min.js'] }],
      compatibilityDate: '2026-04-01',
      compatibilityFlags: ['nodejs_compat'],
      d1Databases: { DB: databaseId },
      bindings: vars,
    }, d1Worker(databaseId)],
  });
  await migrate(drizzle(new D1OverFetch(mf) as never, { schema }), { migrationsFolder: MIGRATIONS_DIR });
}, 120_000);
afterAll(() => mf?.dispose());

it('serves discovery and the JWKS from D1', async () => {
  const d = (await (await mf.dispatchFetch(`${ISSUER}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
  expect(d.issuer).toBe(ISSUER);
  const jwks = (await (await mf.dispatchFetch(d.jwks_uri)).json()) as { keys: { kid: string; alg: string }[] };
  expect(jwks.keys.length).toBeGreaterThan(0);
  expect(jwks.keys[0].alg).toBe('RS256');
});

it('answers a refresh grant with tokens an independent verifier accepts', async () => {
  // Seed through the same D1 database the worker uses (its signing key was created on first request).
  const deps = await makeDeps(parseEnv(vars), drizzle(new D1OverFetch(mf) as never, { schema }) as unknown as Db);
  await prepare(deps);
  const user = await seedUser(deps, { roles: ['staff'] });
  const set = await issueTokenSet(deps, { user, client: await requireClient(deps, 'account'), amr: ['otp'] });

  const res = await mf.dispatchFetch(`${ISSUER}/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: set.refresh_token, client_id: 'account' }).toString(),
  });
  expect(res.status).toBe(200);
  const next = (await res.json()) as { access_token: string; refresh_token: string };
  expect(next.refresh_token).not.toBe(set.refresh_token);

  const verifier = JwtRsaVerifier.create({ issuer: ISSUER, audience: 'account', jwksUri: `${ISSUER}/.well-known/jwks.json` });
  verifier.cacheJwks((await (await mf.dispatchFetch(`${ISSUER}/.well-known/jwks.json`)).json()) as never);
  const payload = await verifier.verify(next.access_token);
  expect(payload).toMatchObject({ sub: user.id, token_use: 'access', 'cognito:groups': ['staff'] });

  // Issue 18 #12 changed this: the rotated-away token, presented again within the grace, gets the same successor;
  // once that successor has been rotated in turn, the worker refuses it as reuse.
  const grant = (token: string) => mf.dispatchFetch(`${ISSUER}/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token, client_id: 'account' }).toString(),
  });
  const retried = await grant(set.refresh_token);
  expect(retried.status).toBe(200);
  expect(((await retried.json()) as { refresh_token: string }).refresh_token).toBe(next.refresh_token);
  expect((await grant(next.refresh_token)).status).toBe(200);
  expect((await grant(set.refresh_token)).status).toBe(400);
});

it('serves the hosted pages, the WebAuthn browser bundle (imported as text at build time) and passkey options', async () => {
  const bundle = await mf.dispatchFetch(`${ISSUER}/assets/simplewebauthn-browser.js`);
  expect(bundle.status).toBe(200);
  expect(await bundle.text()).toContain('SimpleWebAuthnBrowser');
  expect(await (await mf.dispatchFetch(`${ISSUER}/login?lang=fr`)).text()).toContain('autocomplete="username webauthn"');
  const options = await mf.dispatchFetch(`${ISSUER}/v1/passkeys/login/options`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(await options.json()).toMatchObject({ rpId: 'auth.worker.test', allowCredentials: [] });
});
