// panva's oidc-provider (a certified OpenID provider) as an upstream run in the test: Google-like (issuer at the root,
// verified emails), or Entra-like (discovery at /common/v2.0 naming `https://…/{tenantid}/v2.0`, tokens issued by one
// tenant's issuer with its `tid`). Its development login form takes any login, which becomes the `sub`.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import Provider from 'oidc-provider';
import { freePort } from './app.ts';

export interface OidcUpstream {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export async function startOidcProviderUpstream(options: { redirectUri: string; entraTenant?: string }): Promise<OidcUpstream> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const tid = options.entraTenant;
  const mountPath = tid ? `/${tid}/v2.0` : '';
  const clientId = tid ? 'entra-like-app' : 'google-like-app';
  const clientSecret = `${clientId}-secret-0123456789`;
  const provider = new Provider(`${base}${mountPath}`, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [options.redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    // Google and Entra put these in the ID token itself, not only behind userinfo.
    conformIdTokenClaims: false,
    claims: { openid: ['sub', ...(tid ? ['tid'] : [])], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({ sub: id, email: `${id}@${tid ? 'contoso.test' : 'gmail.test'}`, email_verified: true, name: `Person ${id}`, ...(tid ? { tid } : {}) }),
    }),
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
  } as never);
  const callback = provider.callback();
  const server: Server = createServer(async (req: IncomingMessage & { originalUrl?: string }, res) => {
    // Entra multi-tenant discovery: the document of `common` names the templated issuer.
    if (tid && req.url === '/common/v2.0/.well-known/openid-configuration') {
      const doc = await (await fetch(`${base}${mountPath}/.well-known/openid-configuration`)).json() as Record<string, unknown>;
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ ...doc, issuer: `${base}/{tenantid}/v2.0` }));
    }
    if (mountPath) {
      if (!req.url!.startsWith(mountPath)) {
        res.writeHead(404);
        return res.end();
      }
      // mounted as Express would: oidc-provider reads its mount path from originalUrl minus url
      req.originalUrl = req.url;
      req.url = req.url!.slice(mountPath.length) || '/';
    }
    callback(req, res);
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return {
    issuer: tid ? `${base}/common/v2.0` : base, clientId, clientSecret,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
