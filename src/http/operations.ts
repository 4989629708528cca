// What a platform runs the service with (SPEC §9): liveness, readiness, Prometheus metrics, and one JSON log line
// per request carrying its request id. The runtime supplies the checks and the metrics; this file only answers.
import type { Hono, MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';

export interface RequestRecord {
  requestId: string;
  method: string;
  /** The matched route pattern (`/v1/users/:id`), so metrics have few labels; the path for unmatched requests. */
  route: string;
  path: string;
  status: number;
  seconds: number;
}

export interface Operations {
  /** Null when the instance can serve (database answers, migrations current); else why not. */
  notReady(): Promise<string | null>;
  /** The Prometheus text exposition of this instance's metrics. */
  metrics?(): Promise<{ contentType: string; text: string }>;
  /** Called once per finished request (metrics, logs). */
  onRequest?(record: RequestRecord): void;
}

/** /healthz (the process answers), /readyz (it can serve) and /metrics, registered before any middleware. */
export function mountOperations(app: Hono, ops: Operations): void {
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    const why = await ops.notReady();
    return why === null ? c.json({ ready: true }) : c.json({ ready: false, reason: why }, 503);
  });
  if (ops.metrics) {
    const metrics = ops.metrics;
    app.get('/metrics', async (c) => {
      const { contentType, text } = await metrics();
      return c.body(text, 200, { 'Content-Type': contentType });
    });
  }
}

/** Gives every request an id (X-Request-Id, kept from a trusted caller's header when well-formed) and reports it when done. */
export function requestRecorder(onRequest: (record: RequestRecord) => void): MiddlewareHandler[] {
  const record: MiddlewareHandler = async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      onRequest({
        requestId: c.get('requestId') as string, method: c.req.method, route: c.req.routePath || 'unmatched', path: c.req.path,
        status: c.res.status, seconds: (performance.now() - started) / 1000,
      });
    }
  };
  return [requestId(), record];
}
