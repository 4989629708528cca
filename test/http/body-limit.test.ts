// The body limit: oversized bodies are a 413 whether or not they declare a length; bodies it reads reach handlers intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { bodyLimit } from '../../src/http/middleware/body-limit.ts';
import { serve } from '@hono/node-server';
import { bodyText } from '../../src/http/request-body.ts';
import { errorResponse } from '../../src/http/errors.ts';
import { readIncomingBody } from '../../src/runtime/node/incoming-body.ts';
import { freePort, startTestServer, type TestServer } from '../helpers/app.ts';

const small = new Hono()
  .use(bodyLimit(1024, (c) => c.json({ error: 'payload_too_large' }, 413)))
  .post('/json', async (c) => c.json(await c.req.json()))
  .post('/text', async (c) => c.text(await c.req.text()))
  .post('/form', async (c) => {
    const body = await c.req.parseBody();
    const file = body.file as File;
    return c.json({ name: body.name, bytes: [...new Uint8Array(await file.arrayBuffer())] });
  });

/** A body streamed in chunks, so the Request has no Content-Length. */
const streamed = (...chunks: (string | Uint8Array)[]) => new ReadableStream<Uint8Array>({
  start(controller) {
    for (const c of chunks) controller.enqueue(typeof c === 'string' ? new TextEncoder().encode(c) : c);
    controller.close();
  },
});
const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  small.request(path, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('bodyLimit', () => {
  it('passes a streamed JSON body to the handler, in one or several chunks', async () => {
    expect(await (await post('/json', streamed('{"a":"é', '"}'), { 'content-type': 'application/json' })).json()).toEqual({ a: 'é' });
    expect(await (await post('/json', '{"b":1}', { 'content-type': 'application/json' })).json()).toEqual({ b: 1 });
  });

  it('decodes text like Request.text(): BOM stripped, invalid UTF-8 replaced', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69, 0xff]);
    expect(await (await post('/text', streamed(bytes))).text()).toBe(await new Response(bytes).text());
  });

  it('keeps multipart bodies binary', async () => {
    const form = new FormData();
    form.set('name', 'n');
    form.set('file', new Blob([new Uint8Array([0, 255, 128, 10])]), 'f.bin');
    const encoded = new Response(form);
    const res = await post('/form', streamed(new Uint8Array(await encoded.arrayBuffer())), { 'content-type': encoded.headers.get('content-type')! });
    expect(await res.json()).toEqual({ name: 'n', bytes: [0, 255, 128, 10] });
  });

  it('refuses an oversized body with or without a declared length', async () => {
    expect((await post('/text', streamed('x'.repeat(600), 'y'.repeat(600)))).status).toBe(413);
    expect((await post('/text', 'x'.repeat(1025), { 'content-length': '1025' })).status).toBe(413);
    expect((await post('/text', 'x'.repeat(1024))).status).toBe(200);
  });
});

describe('bodyLimit over real HTTP', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(() => server.close());

  it('refuses a chunked oversized body and reads a chunked small one', async () => {
    const send = (body: string) => fetch(`${server.url}/v1/auth/otp`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: streamed(body), duplex: 'half',
    } as RequestInit);
    const big = await send(JSON.stringify({ email: 'a@example.com', clientId: 'account', pad: 'x'.repeat(70_000) }));
    expect(big.status).toBe(413);
    expect((await big.json()).error).toBe('payload_too_large');
    expect((await send(JSON.stringify({ email: 'a@example.com', clientId: 'account' }))).status).toBe(202);
  });

  // Node's own fetch (undici) keeps connections alive and reuses them. Before the 413 said `Connection: close`, the
  // unread rest of a refused 1 MiB body was left on its connection and the second small request after it died with
  // UND_ERR_SOCKET ("other side closed").
  it('leaves a keep-alive client able to send the next requests after refusing a 1 MiB body unread', async () => {
    const otp = (body: string) => fetch(`${server.url}/v1/auth/otp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    for (let round = 0; round < 3; round++) {
      const big = await otp(JSON.stringify({ email: 'a@example.com', clientId: 'account', pad: 'x'.repeat(1 << 20) }));
      expect(big.status).toBe(413);
      expect(big.headers.get('connection')).toBe('close');
      expect(await big.json()).toMatchObject({ error: 'payload_too_large' });
      for (let i = 0; i < 2; i++) {
        const small = await otp(JSON.stringify({ email: `k${round}-${i}@example.com`, clientId: 'account' }));
        expect(small.status).toBe(202);
        await small.arrayBuffer();
      }
    }
  });
});

// On Node the body is read from the socket (readIncomingBody), not through a WHATWG Request: the same text, the same
// limit, and a body some middleware already read through Request still reaches bodyText.
describe('bodyLimit reading the socket (Node)', () => {
  const raw = new Hono()
    .use(bodyLimit(1024, (c) => c.json({ error: 'payload_too_large' }, 413), readIncomingBody))
    .post('/text', async (c) => c.text(await bodyText(c)))
    .get('/text', async (c) => c.text(`[${await bodyText(c)}]`))
    .post('/parsed-first', async (c) => {
      const fields = await c.req.parseBody();
      return c.json({ fields, text: await bodyText(c) });
    })
    .onError(errorResponse);
  let url = '';
  let close = () => {};
  beforeAll(async () => {
    const port = await freePort();
    const s = serve({ fetch: raw.fetch, port, hostname: '127.0.0.1' });
    await new Promise<void>((r) => s.once('listening', () => r()));
    url = `http://127.0.0.1:${port}`;
    close = () => s.close();
  });
  afterAll(() => close());
  const send = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

  it('decodes like Request.text(), whole or in chunks', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0xc3, 0xa9, 0xff]);
    const expected = await new Response(bytes).text();
    expect(await (await send('/text', bytes)).text()).toBe(expected);
    expect(await (await send('/text', streamed(bytes.slice(0, 5), bytes.slice(5)))).text()).toBe(expected);
  });

  it('refuses past the limit, declared or counted, and closes the connection', async () => {
    const declared = await send('/text', 'x'.repeat(1025));
    expect(declared.status).toBe(413);
    expect(declared.headers.get('connection')).toBe('close');
    const counted = await send('/text', streamed('x'.repeat(600), 'y'.repeat(600)));
    expect(counted.status).toBe(413);
    expect(counted.headers.get('connection')).toBe('close');
    expect(await counted.json()).toMatchObject({ error: 'payload_too_large' });
    expect(await (await send('/text', 'x'.repeat(1024))).text()).toBe('x'.repeat(1024));
  });

  it('reads no body for a GET that frames none', async () => {
    expect(await (await fetch(`${url}/text`)).text()).toBe('[]');
  });

  it('falls back to Request when the body was already read that way', async () => {
    const res = await send('/parsed-first', 'a=1&b=two', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(await res.json()).toEqual({ fields: { a: '1', b: 'two' }, text: 'a=1&b=two' });
  });
});
