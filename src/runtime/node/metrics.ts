// Prometheus metrics of one instance (prom-client): requests and latencies by route, sign-ins, mail sent and failed,
// and the depth of the mail and invitation queues, read from the database at each scrape (so every instance reports
// the shared queue).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { and, count, eq, inArray } from 'drizzle-orm';
import { invitations, outbox } from '../../../db/sqlite/schema.ts';
import type { Db } from '../../storage/db.ts';
import type { RequestRecord } from '../../http/operations.ts';
import type { RuntimeMetrics } from '../instrument.ts';

export interface NodeMetrics extends RuntimeMetrics {
  onRequest(record: RequestRecord): void;
  render(): Promise<{ contentType: string; text: string }>;
}

export function createMetrics(db: Db): NodeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'cutover_http_requests_total', help: 'HTTP requests answered', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const latency = new Histogram({
    name: 'cutover_http_request_duration_seconds', help: 'HTTP request latency', labelNames: ['method', 'route'], registers: [registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });
  const signIns = new Counter({ name: 'cutover_sign_ins_total', help: 'successful sign-ins', labelNames: ['method'], registers: [registry] });
  const mail = new Counter({ name: 'cutover_mail_total', help: 'mail handed to the provider, by result', labelNames: ['result'], registers: [registry] });
  new Gauge({
    name: 'cutover_queue_depth', help: 'jobs waiting: sign-in mail (outbox) and invitations', labelNames: ['queue'], registers: [registry],
    async collect() {
      try {
        const [mailJobs] = await db.select({ n: count() }).from(outbox).where(and(eq(outbox.status, 'queued'), inArray(outbox.kind, ['sign-in', 'notice'])));
        const [invites] = await db.select({ n: count() }).from(invitations).where(eq(invitations.status, 'queued'));
        this.set({ queue: 'mail' }, Number(mailJobs?.n ?? 0));
        this.set({ queue: 'invitations' }, Number(invites?.n ?? 0));
      } catch {
        // The database is away: /readyz says so; the scrape still answers with what it has.
      }
    },
  });
  return {
    onRequest(r) {
      requests.inc({ method: r.method, route: r.route, status: String(r.status) });
      latency.observe({ method: r.method, route: r.route }, r.seconds);
    },
    signIn: (method) => signIns.inc({ method }),
    mailSent: () => mail.inc({ result: 'sent' }),
    mailFailed: () => mail.inc({ result: 'failed' }),
    render: async () => ({ contentType: registry.contentType, text: await registry.metrics() }),
  };
}
