// Issue 18 #15: JSON endpoints read the Content-Type's media type whole, over real HTTP; a CORS-safelisted type is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../db/sqlite/schema.ts';
import { ACCOUNT_CLIENT_ID } from '../../src/core/clients/clients.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const post = (path: string, contentType: string | null, body: unknown) => fetch(`${s.url}${path}`, {
  method: 'POST',
  headers: contentType === null ? {} : { 'content-type': contentType },
  body: JSON.stringify(body),
});
const otp = { email: 'someone@example.com', clientId: ACCOUNT_CLIENT_ID };

describe('JSON endpoints and Content-Type', () => {
  it.each([
    'text/plain;charset=application/json', // what any page may send cross-site without a preflight
    'text/plain; x=application/json',
    'application/x-www-form-urlencoded; application/json',
    'application/jsonp',
    'application/json-seq',
    'multipart/form-data; boundary=application/json',
  ])('%s → 415 unsupported_media_type, and nothing is sent', async (type) => {
    const res = await post('/v1/auth/otp', type, otp);
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ error: 'unsupported_media_type', message: 'body must be JSON (Content-Type: application/json)' });
    expect(await s.db.select().from(outbox)).toEqual([]);
  });

  it('no Content-Type at all → 415', async () => {
    const res = await fetch(`${s.url}/v1/passkeys/login/options`, { method: 'POST', body: new Blob(['{}']) });
    expect(res.status).toBe(415);
  });

  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8', ' application/json '])('%j is JSON → 202', async (type) => {
    expect((await post('/v1/auth/otp', type, otp)).status).toBe(202);
  });
});
