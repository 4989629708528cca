// Retry delays for refused sends: exponential backoff with full jitter, shared by the sign-in outbox and invitations.

/**
 * Exponential backoff with jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): the ceiling doubles
 * per attempt from `baseMs` up to `maxMs`, and the delay falls in its upper half, so retries spread out.
 */
export function backoffMs(attempts: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
