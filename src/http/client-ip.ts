// The client's IP for per-IP limits: the runtime's peer (Node: socket; Workers: CF-Connecting-IP), or what trusted proxies in front of it report.
import type { Context, MiddlewareHandler } from 'hono';
import { clientAddress, type TrustedProxies } from '../core/shared/forwarded-for.ts';

declare module 'hono' {
  interface ContextVariableMap {
    clientIp: string;
  }
}

export type ClientIpResolver = (c: Context) => string | undefined;

/**
 * X-Forwarded-For is read only when CUTOVER_TRUSTED_PROXIES says proxies stand in front, and then only as far as
 * those proxies wrote it (see clientAddress): a client's own header never picks whose budget it spends.
 */
export const clientIpMiddleware = (resolve: ClientIpResolver | undefined, trust: TrustedProxies = { kind: 'none' }): MiddlewareHandler => async (c, next) => {
  let peer: string | undefined;
  try {
    peer = resolve?.(c);
  } catch {
    peer = undefined; // in-process requests (tests) have no socket
  }
  c.set('clientIp', clientAddress(peer, c.req.header('x-forwarded-for'), trust) || 'unknown');
  await next();
};

export const clientIp = (c: Context): string => c.get('clientIp') ?? 'unknown';
