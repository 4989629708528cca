// The JWKS baseline's server, in a process of its own: a bare Hono route serving the same bytes, nothing else.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const body = process.env.BENCH_JWKS_BODY;
if (!body) throw new Error('BENCH_JWKS_BODY must hold the JWKS to serve');
const app = new Hono().get('/.well-known/jwks.json', (c) => c.body(body, 200, { 'content-type': 'application/json' }));
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, (info) => {
  console.log(`bare listening on http://127.0.0.1:${info.port}`);
});
