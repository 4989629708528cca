// Routes: /dev/mail and /dev/mail.json: what the log mailer kept (mounted only with CUTOVER_MAILER=log on Node).
import { Hono } from 'hono';
import type { Deps } from '../../core/shared/deps.ts';
import { DevMailPage } from '../pages/dev-mail-page.tsx';

const SHOWN = 100;

export function devMailRoutes(deps: Deps) {
  const app = new Hono();
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
