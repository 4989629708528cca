// Routes: one-click unsubscribe from invitations (RFC 8058): POST does it; GET only shows a button, so link scanners cannot.
import { Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import type { Deps } from '../../core/shared/deps.ts';
import { unsubscribeFromInvitations } from '../../core/invitations/unsubscribe-from-invitations.ts';
import { queryOf } from '../validate.ts';
import { parseInput } from '../../core/shared/input.ts';

// randomToken(): 32 bytes as base64url, 43 characters.
const tokenQuery = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be the token from the unsubscribe link') });

export function unsubscribeRoutes(deps: Deps) {
  const app = new Hono();
  const path = '/v1/invitations/unsubscribe';

  // RFC 8058 §3.1: the mail client POSTs "List-Unsubscribe=One-Click" to the URL, with no cookies and no page.
  app.post(path, async (c) => {
    const { token } = parseInput(tokenQuery, c.req.query());
    return c.json(await unsubscribeFromInvitations(deps, token));
  });

  app.get(path, (c) => {
    const { token } = queryOf(c, tokenQuery);
    const product = deps.config.brand.productName;
    return c.html(html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Unsubscribe from ${product} invitations</title></head><body style="font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">
<h1>Stop invitations from ${product}?</h1><p>You will get no more invitations. Sign-in mail you ask for yourself still comes.</p>
<form method="post" action="${path}?token=${token}"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button></form></body></html>`);
  });
  return app;
}
