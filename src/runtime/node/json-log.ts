// One JSON line per request on stdout (CloudWatch Logs, Loki and friends parse it as is), with the request id.
import type { RequestRecord } from '../../http/operations.ts';

export function logRequest(r: RequestRecord): void {
  process.stdout.write(`${JSON.stringify({
    level: r.status >= 500 ? 'error' : 'info', time: new Date().toISOString(), msg: 'request',
    requestId: r.requestId, method: r.method, path: r.path, route: r.route, status: r.status, ms: Math.round(r.seconds * 1000),
  })}\n`);
}
