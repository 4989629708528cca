// Node's well-known fast path over a real socket: the same bytes and headers as the Hono route, everything else to the app.
import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../../src/http/app.ts';
import { wellKnownDocuments } from '../../../src/http/well-known-documents.ts';
import { rotateSigningKey } from '../../../src/core/keys/rotate-signing-key.ts';
import { withWellKnownFastPath } from '../../../src/runtime/node/well-known-fast-path.ts';
import { freePort, makeTestApp, type TestApp } from '../../helpers/app.ts';

let t: TestApp;
let server: Server;
let url: string;
/** Requests the app itself answered (the fast path answers without calling it). */
let reachedApp = 0;

beforeAll(async () => {
  t = await makeTestApp();
  const documents = wellKnownDocuments(t.deps);
  const app = createApp(t.deps, { wellKnown: documents });
  const listener = getRequestListener(app.fetch);
  server = createServer(withWellKnownFastPath(documents, (req, res) => {
    reachedApp += 1;
    return listener(req, res);
  }));
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  url = `http://127.0.0.1:${port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const headersOf = (res: Response) => ['content-type', 'cache-control', 'access-control-allow-origin', 'content-length'].map((h) => [h, res.headers.get(h)]);

it.each(['/.well-known/jwks.json', '/.well-known/openid-configuration'])('GET %s: the bytes and headers the Hono route gives, without the app', async (path) => {
  const viaApp = await t.request(path);
  const before = reachedApp;
  const res = await fetch(`${url}${path}`);
  expect(reachedApp).toBe(before);
  expect(res.status).toBe(200);
  expect(await res.text()).toBe(await viaApp.text());
  expect(headersOf(res)).toEqual(headersOf(viaApp).map(([h, v]) => [h, h === 'content-length' ? res.headers.get(h) : v]));
  expect(Number(res.headers.get('content-length'))).toBeGreaterThan(0);
});

it('HEAD, a query string, another path and another method go to the app', async () => {
  const before = reachedApp;
  expect((await fetch(`${url}/.well-known/jwks.json`, { method: 'HEAD' })).status).toBe(200);
  expect((await fetch(`${url}/.well-known/jwks.json?fresh=1`)).status).toBe(200);
  expect((await fetch(`${url}/.well-known/jwks.json`, { method: 'POST' })).status).toBe(404);
  expect((await fetch(`${url}/v1/nope`)).status).toBe(404);
  expect(reachedApp - before).toBe(4);
});

it('after a rotation the fast path serves the new key, as soon as the app would', async () => {
  const { kid } = await rotateSigningKey(t.deps);
  const kids = async () => ((await (await fetch(`${url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
  expect(await kids()).toContain(kid);
  const body = await (await fetch(`${url}/.well-known/jwks.json`)).text();
  expect(body).toBe(await (await t.request('/.well-known/jwks.json')).text());
});
