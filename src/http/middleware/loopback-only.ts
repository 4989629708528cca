// Serves a route only to this machine: the socket's peer must be a loopback address, and nothing may have relayed it.
import type { Context, MiddlewareHandler } from 'hono';
import { AuthError } from '../../core/shared/errors.ts';

/** The raw TCP peer of a request (Node: the socket's remote address); never a header. */
export type PeerAddress = (c: Context) => string | undefined;

/** 127.0.0.0/8, ::1 and their IPv4-mapped form: only processes on this machine connect from these. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === '::1';
}

/**
 * Headers a reverse proxy adds: a proxy on this machine also connects from loopback, so a request it relays
 * is refused too. Headers only ever narrow here (a client can add them, never remove the proxy's).
 */
const RELAYED = ['forwarded', 'x-forwarded-for', 'x-real-ip', 'cf-connecting-ip', 'true-client-ip', 'x-forwarded-host'];

export const loopbackOnly = (peerAddress: PeerAddress | undefined): MiddlewareHandler => async (c, next) => {
  let peer: string | undefined;
  try {
    peer = peerAddress?.(c);
  } catch {
    peer = undefined; // no socket (an in-process request): not provably local
  }
  if (!isLoopback(peer) || RELAYED.some((h) => c.req.header(h) !== undefined)) {
    throw new AuthError('forbidden', `${c.req.path} is served to this machine only (open it on the machine running cutover)`);
  }
  await next();
};
