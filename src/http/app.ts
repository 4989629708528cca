// createApp(deps): the Hono app, the same on Node and Workers. Features are mounted, never global.
import { Hono, type ExecutionContext } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { Deps } from '../core/shared/deps.ts';
import { errorResponse } from './errors.ts';
import { clientIpMiddleware, type ClientIpResolver } from './client-ip.ts';
import { bodyLimit } from './middleware/body-limit.ts';
import type { RawBodyReader } from './request-body.ts';
import { wellKnownRoutes } from './routes/well-known.ts';
import { wellKnownDocuments, type WellKnownDocuments } from './well-known-documents.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { adminClientRoutes } from './routes/admin-clients.ts';
import { emailAuthRoutes } from './routes/email-auth.ts';
import { passkeyRoutes } from './routes/passkeys.ts';
import { pageRoutes } from './routes/pages.ts';
import { devMailRoutes } from './routes/dev-mail.ts';
import type { PeerAddress } from './middleware/loopback-only.ts';
import { adminUserRoutes } from './routes/admin-users.ts';
import { adminInvitationRoutes } from './routes/admin-invitations.ts';
import { adminReportRoutes } from './routes/admin-report.ts';
import { sesEventRoutes } from './routes/ses-events.ts';
import { adminSuppressionRoutes } from './routes/admin-suppressions.ts';
import { unsubscribeRoutes } from './routes/unsubscribe.ts';
import { adminAuditRoutes } from './routes/admin-audit.ts';
import { adminImportRoutes } from './routes/admin-imports.ts';
import { adminConsoleRoutes } from './routes/admin-console/index.ts';
import { mountOperations, requestRecorder, type Operations } from './operations.ts';
import { adminProviderRoutes } from './routes/admin-providers.ts';
import { cognitoIdpRoutes } from './routes/cognito-idp.ts';

/** 64 KiB: far above any legitimate request body here (WebAuthn responses are a few KiB). */
const MAX_BODY_BYTES = 64 * 1024;

export interface AppOptions {
  /** Serve /dev/mail (Node with the log mailer only). */
  devMail?: boolean;
  /** The socket's peer address (Node): /dev/mail answers loopback peers only. Unset: /dev/mail answers nobody. */
  peerAddress?: PeerAddress;
  /** How this runtime learns the client's IP (Node: the socket; Workers: CF-Connecting-IP). */
  clientIp?: ClientIpResolver;
  /** The @simplewebauthn/browser UMD bundle, served at /assets/simplewebauthn-browser.js (Node reads it from node_modules; Workers import it as text). */
  webauthnBrowserScript?: string;
  /** Liveness, readiness, metrics and per-request records (Node server and Lambda; SPEC §9). */
  operations?: Operations;
  /** How this runtime reads a request body without a WHATWG Request (Node: from the socket); unset: through Request. */
  readBody?: RawBodyReader;
  /** The discovery document and JWKS, when the runtime also serves them before the app (Node's fast path). */
  wellKnown?: WellKnownDocuments;
}

export function createApp(deps: Deps, options: AppOptions = {}) {
  const app = new Hono();
  // Discovery and the JWKS, the most fetched URLs, and the probes are registered before the middleware: Hono runs a
  // request's matches in registration order, and these handlers answer without calling next(), so no middleware
  // runs for them, the request log and metrics included (a load balancer's probes every few seconds and verifiers'
  // JWKS fetches are noise there). Over real sockets (npm run bench, 50 connections) a JWKS request cost the server
  // 72 µs of CPU with the request recorder before it and 45 µs without, against 21 µs for a bare Hono route.
  app.route('/', wellKnownRoutes(options.wellKnown ?? wellKnownDocuments(deps)));
  if (options.operations) mountOperations(app, options.operations);
  if (options.operations?.onRequest) app.use(...requestRecorder(options.operations.onRequest));
  const answer = app.fetch;
  app.fetch = (request, env, ctx) => (request.method === 'HEAD' ? headOf(answer, request, env, ctx) : answer(request, env, ctx));
  app.use(secureHeaders({ crossOriginResourcePolicy: false, crossOriginOpenerPolicy: 'same-origin' }));
  app.use(bodyLimit(MAX_BODY_BYTES, (c) => c.json({ error: 'payload_too_large', message: `body must be at most ${MAX_BODY_BYTES} bytes` }, 413), options.readBody));
  app.use(clientIpMiddleware(options.clientIp, deps.config.trustedProxies));
  app.onError(errorResponse);
  app.notFound((c) => c.json({ error: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` }, 404));

  app.get('/health', (c) => c.json({ ok: true }));
  app.route('/', tokenRoutes(deps));
  app.route('/', cognitoIdpRoutes(deps));
  app.route('/', emailAuthRoutes(deps));
  app.route('/', passkeyRoutes(deps));
  app.route('/', adminClientRoutes(deps));
  app.route('/', adminUserRoutes(deps));
  app.route('/', adminInvitationRoutes(deps));
  app.route('/', adminReportRoutes(deps));
  app.route('/', sesEventRoutes(deps));
  app.route('/', adminSuppressionRoutes(deps));
  app.route('/', unsubscribeRoutes(deps));
  app.route('/', adminAuditRoutes(deps));
  app.route('/', adminImportRoutes(deps));
  app.route('/', adminProviderRoutes(deps));
  if (options.devMail) app.route('/', devMailRoutes(deps, options.peerAddress));
  app.route('/', pageRoutes(deps, { webauthnBrowserScript: options.webauthnBrowserScript }));
  app.route('/', adminConsoleRoutes(deps));
  return app;
}

/**
 * HEAD answers what GET would, every header included. Left to Hono, a HEAD is run as GET and re-wrapped, and on Node
 * the re-wrap kept only the headers the body was created with, not the security headers middleware adds after.
 */
async function headOf(answer: (r: Request, env: unknown, ctx?: ExecutionContext) => Response | Promise<Response>, request: Request, env: unknown, ctx?: ExecutionContext): Promise<Response> {
  const res = await answer(new Request(request.url, { method: 'GET', headers: request.headers }), env, ctx);
  // Headers and status only, and first: on Node, reading any other property (`body`, `statusText`) rebuilds the
  // response from its first init, the very loss described above.
  const headers = new Headers(res.headers);
  const head = new Response(null, { status: res.status, headers });
  await res.body?.cancel();
  return head;
}
