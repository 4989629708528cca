// The client's IP for per-IP limits: given by the runtime (socket address on Node, CF-Connecting-IP on Workers), never by a spoofable header.
import type { Context, MiddlewareHandler } from 'hono';

declare module 'hono' {
  interface ContextVariableMap {
    clientIp: string;
  }
}

export type ClientIpResolver = (c: Context) => string | undefined;

export const clientIpMiddleware = (resolve: ClientIpResolver | undefined): MiddlewareHandler => async (c, next) => {
  let ip: string | undefined;
  try {
    ip = resolve?.(c);
  } catch {
    ip = undefined; // in-process requests (tests) have no socket
  }
  c.set('clientIp', ip || 'unknown');
  await next();
};

export const clientIp = (c: Context): string => c.get('clientIp') ?? 'unknown';
