// Routes: /dev/mail and /dev/mail.json: what the log mailer kept (mounted only with CUTOVER_MAILER=log on Node, loopback peers only).
import { Hono } from 'hono';
import type { Deps } from '../../core/shared/deps.ts';
import { DevMailPage } from '../pages/dev-mail-page.tsx';
import { loopbackOnly, type PeerAddress } from '../middleware/loopback-only.ts';

const SHOWN = 100;

/** The mailbox holds live sign-in links and codes for everyone: it is served to the machine itself only. */
export function devMailRoutes(deps: Deps, peerAddress: PeerAddress | undefined) {
  const app = new Hono();
  app.use('/dev/*', loopbackOnly(peerAddress));
  app.get('/dev/mail.json', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await deps.stores.outbox.kept(SHOWN));
  });
  app.get('/dev/mail', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.html(DevMailPage({ config: deps.config, mail: await deps.stores.outbox.kept(SHOWN) }));
  });
  return app;
}
