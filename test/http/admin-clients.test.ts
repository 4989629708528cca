// Admin: registering clients requires an admin key and validates every field.
import { beforeAll, describe, expect, it } from 'vitest';
import { createAdminKey } from '../../src/core/admin/admin-keys.ts';
import { makeTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let key: string;
beforeAll(async () => {
  t = await makeTestApp();
  key = (await createAdminKey(t.deps, 'test')).key;
});

const post = (body: unknown, auth: string | null = key) => t.request('/v1/admin/clients', {
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('POST /v1/admin/clients', () => {
  it('registers an app in a tenant with an audience', async () => {
    const res = await post({ name: 'Orders', redirectUris: ['https://orders.example.com/cb'], audience: 'https://api.example.com', tenant: 'acme' });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ clientId: expect.stringMatching(/^cli_/), tenant: 'acme', audience: 'https://api.example.com' });
    expect(await t.deps.stores.clients.findById(body.clientId)).toMatchObject({ tenant: 'acme', redirectUris: ['https://orders.example.com/cb'] });
  });

  it('accepts https, plain http on loopback and a native app scheme (RFC 8252)', async () => {
    const redirectUris = ['https://app.example.com/cb', 'http://localhost:3000/cb', 'http://127.0.0.1:8080/cb', 'http://[::1]/cb', 'com.example.app:/oauth2redirect'];
    const res = await post({ name: 'Mixed', redirectUris });
    expect(res.status).toBe(201);
    expect((await res.json()).redirectUris).toEqual(redirectUris);
  });

  it('needs a valid admin key', async () => {
    expect((await post({ name: 'x', redirectUris: ['https://x.example.com'] }, null)).status).toBe(401);
    expect((await post({ name: 'x', redirectUris: ['https://x.example.com'] }, 'cutover_admin_wrong')).status).toBe(401);
  });

  it.each([
    [{ redirectUris: ['https://x.example.com'] }, 'name'],
    [{ name: 'x' }, 'redirectUris'],
    [{ name: 'x', redirectUris: [] }, 'redirectUris'],
    [{ name: 'x', redirectUris: ['not a url'] }, 'redirectUris.0'],
    [{ name: 'x', redirectUris: ['https://x.example.com/#frag'] }, 'redirectUris.0'],
    [{ name: 'x', redirectUris: ['https://x.example.com'], tenant: 'bad tenant!' }, 'tenant'],
    // issue 18 #16: schemes that run or read in the browser, and plain http off this machine, are never redirect targets
    [{ name: 'x', redirectUris: ['javascript:alert(document.cookie)//'] }, 'redirectUris.0: must not use the javascript: scheme'],
    [{ name: 'x', redirectUris: ['JavaScript://x.example.com/%0aalert(1)'] }, 'redirectUris.0: must not use the javascript: scheme'],
    [{ name: 'x', redirectUris: ['data:text/html,<script>alert(1)</script>'] }, 'redirectUris.0: must not use the data: scheme'],
    [{ name: 'x', redirectUris: ['file:///etc/passwd'] }, 'redirectUris.0: must not use the file: scheme'],
    [{ name: 'x', redirectUris: ['https://ok.example.com/cb', 'http://app.example.com/cb'] }, 'redirectUris.1: must use https'],
    [{ name: 'x', redirectUris: ['http://localhost.evil.example/cb'] }, 'redirectUris.0: must use https'],
    [{ name: 'x', redirectUris: ['https://user:pw@x.example.com/cb'] }, 'redirectUris.0: must carry no user name or password'],
    ['{not json', 'JSON'],
  ])('%j → 400 naming %s', async (body, field) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect((await res.json()).message).toContain(field);
  });

  it('an oversized body is a 413 JSON error', async () => {
    const res = await post({ name: 'x'.repeat(100_000), redirectUris: ['https://x.example.com'] });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toBe('payload_too_large');
  });
});
