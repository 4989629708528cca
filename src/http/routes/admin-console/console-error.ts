// The console's error answer: a short HTML page with the message (which names the field) and the status errors.ts picks.
import type { Context } from 'hono';
import { html } from 'hono/html';
import { AuthError } from '../../../core/shared/errors.ts';
import { errorResponse } from '../../errors.ts';

export function consoleErrorPage(err: Error, c: Context): Response | Promise<Response> {
  if (!(err instanceof AuthError)) return errorResponse(err, c);
  const status = errorResponse(err, c).status as 400;
  return c.html(html`<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${err.code}</title></head>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><h1>${err.code}</h1><p class="error" role="alert">${err.message}</p><p><a href="/admin">← /admin</a></p></body></html>`, status);
}
