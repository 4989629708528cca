// createApp(deps): the Hono app, the same on Node and Workers. Features are mounted, never global.
import { Hono, type Context, type ExecutionContext } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { Deps } from '../core/shared/deps.ts';
import { errorResponse } from './errors.ts';
import { clientIpMiddleware, type ClientIpResolver } from './client-ip.ts';
import { bodyLimit } from './middleware/body-limit.ts';
import { wellKnownRoutes } from './routes/well-known.ts';
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
}

export function createApp(deps: Deps, options: AppOptions = {}) {
  const app = new Hono();
  // Discovery and JWKS: public, cacheable JSON that API Gateway and every app fetch. They live in an app of their own,
  // so a request for them matches one handler and runs no middleware; a URL that only looks like one falls through.
  const siteFetch = app.fetch;
  const wellKnown = wellKnownRoutes(deps);
  wellKnown.onError(errorResponse);
  wellKnown.notFound((c) => siteFetch(c.req.raw, c.env, executionCtxOf(c)));
  app.fetch = (request, env, ctx) => (request.url.includes('/.well-known/') ? wellKnown.fetch(request, env, ctx) : siteFetch(request, env, ctx));

  app.use(secureHeaders({ crossOriginResourcePolicy: false, crossOriginOpenerPolicy: 'same-origin' }));
  app.use(bodyLimit(MAX_BODY_BYTES, (c) => c.json({ error: 'payload_too_large', message: `body must be at most ${MAX_BODY_BYTES} bytes` }, 413)));
  app.use(clientIpMiddleware(options.clientIp, deps.config.trustedProxies));
  app.onError(errorResponse);
  app.notFound((c) => c.json({ error: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` }, 404));

  app.get('/health', (c) => c.json({ ok: true }));
  app.route('/', tokenRoutes(deps));
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
  if (options.devMail) app.route('/', devMailRoutes(deps, options.peerAddress));
  app.route('/', pageRoutes(deps, { webauthnBrowserScript: options.webauthnBrowserScript }));
  app.route('/', adminConsoleRoutes(deps));
  return app;
}

/** Workers pass an ExecutionContext (waitUntil); Node does not, and Hono's getter throws when there is none (rare here). */
function executionCtxOf(c: Context): ExecutionContext | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}
