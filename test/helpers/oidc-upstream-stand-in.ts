// A small upstream OpenID provider over real HTTP, whose answers a test can bend (wrong nonce, other issuer, other
// audience, expired, unknown key): discovery, authorize (answers at once for the configured person), token (checks the
// client secret and PKCE), JWKS. The certified provider (oidc-provider) runs in the browser suite; this one can lie.
import { createServer, type Server } from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWTPayload, type KeyObject } from 'jose';
import { freePort } from './app.ts';

export interface Person { sub: string; email?: string; email_verified?: boolean; name?: string; tid?: string }
export interface Bend {
  nonce?: string;
  iss?: string;
  aud?: string;
  expiredSecondsAgo?: number;
  unknownKey?: boolean;
}

export interface UpstreamStandIn {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** who the next authorize signs in */
  person: Person;
  /** how the next ID token lies (cleared after each token) */
  bend: Bend;
  /** Entra-like: discovery names `{tenantid}` and tokens carry `tid` */
  close(): Promise<void>;
}

/** Apple-like: the client authenticates with an ES256 JWT signed by the team's key (client_secret_post), and the answer is a form POST. */
export interface AppleLike { teamId: string; keyId: string; publicKey: KeyObject | CryptoKey }

export async function startUpstreamStandIn(options: { entraLike?: boolean; appleLike?: AppleLike } = {}): Promise<UpstreamStandIn> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const issuer = options.entraLike ? `${base}/common/v2.0` : base;
  const tokenIssuer = (tid?: string) => (options.entraLike ? `${base}/${tid}/v2.0` : base);
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { person: Person; nonce: string; challenge: string; redirectUri: string }>();
  const up: UpstreamStandIn = {
    issuer, clientId: 'upstream-client', clientSecret: 'upstream-secret-0123456789',
    person: { sub: 'up-1', email: 'someone@example.com', email_verified: true }, bend: {},
    close: () => new Promise((r) => server.close(() => r())),
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url!, base);
    const json = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
    if (url.pathname === new URL(issuer).pathname.replace(/\/$/, '') + '/.well-known/openid-configuration' || url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: options.entraLike ? `${base}/{tenantid}/v2.0` : issuer,
        authorization_endpoint: `${base}/authorize`, token_endpoint: `${base}/token`, jwks_uri: `${base}/jwks`,
        response_types_supported: ['code'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: options.appleLike ? ['client_secret_post'] : ['client_secret_basic', 'client_secret_post'], code_challenge_methods_supported: ['S256'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const p = url.searchParams;
      const code = randomUUID();
      codes.set(code, { person: { ...up.person }, nonce: p.get('nonce')!, challenge: p.get('code_challenge')!, redirectUri: p.get('redirect_uri')! });
      if (p.get('response_mode') === 'form_post') {
        // what the auto-submitting form would post (the test posts it, as the browser would)
        return json(200, { formPost: p.get('redirect_uri'), fields: { code, state: p.get('state') } });
      }
      const back = new URL(p.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', p.get('state')!);
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      if (options.appleLike) {
        // Sign in with Apple: client_secret is a JWT from the team's key, sent in the form
        const a = options.appleLike;
        try {
          const { protectedHeader } = await jwtVerify(form.get('client_secret') ?? '', a.publicKey, { algorithms: ['ES256'], issuer: a.teamId, subject: up.clientId, audience: 'https://appleid.apple.com' });
          if (protectedHeader.kid !== a.keyId || form.get('client_id') !== up.clientId) throw new Error('kid or client_id');
        } catch {
          return json(401, { error: 'invalid_client' });
        }
      } else {
        const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
        const [id, secret] = basic.split(':').map(decodeURIComponent);
        if (id !== up.clientId || secret !== up.clientSecret) return json(401, { error: 'invalid_client' });
      }
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      if (!grant) return json(400, { error: 'invalid_grant' });
      const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
      if (challenge !== grant.challenge || form.get('redirect_uri') !== grant.redirectUri) return json(400, { error: 'invalid_grant', error_description: 'PKCE or redirect_uri' });
      const bend = up.bend;
      up.bend = {};
      const now = Math.floor(Date.now() / 1000);
      const iat = bend.expiredSecondsAgo ? now - bend.expiredSecondsAgo - 600 : now;
      const claims: JWTPayload = { ...grant.person, nonce: bend.nonce ?? grant.nonce };
      const idToken = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: bend.unknownKey ? 'k2' : 'k1' })
        .setIssuer(bend.iss ?? tokenIssuer(grant.person.tid)).setAudience(bend.aud ?? up.clientId).setSubject(grant.person.sub)
        .setIssuedAt(iat).setExpirationTime(bend.expiredSecondsAgo ? now - bend.expiredSecondsAgo : now + 300)
        .sign(bend.unknownKey ? other.privateKey : privateKey);
      return json(200, { access_token: randomUUID(), token_type: 'Bearer', expires_in: 300, id_token: idToken });
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return up;
}
