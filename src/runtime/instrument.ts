// Counts what the metrics report without touching the core: successful sign-ins (their audit events) and mail the
// provider took or refused (the mailer's answers).
import type { Stores } from '../core/ports/index.ts';
import type { Mailer } from '../core/ports/mailer.ts';
import { SIGN_IN_AUDIT_TYPES } from '../core/ports/report.ts';

export interface RuntimeMetrics {
  signIn(method: string): void;
  mailSent(): void;
  mailFailed(): void;
}

const SIGN_INS = new Set<string>(SIGN_IN_AUDIT_TYPES);

export function instrumentStores(stores: Stores, metrics: RuntimeMetrics): Stores {
  const audit = stores.audit;
  return {
    ...stores,
    audit: {
      ...audit,
      record: async (event, now) => {
        await audit.record(event, now);
        if (SIGN_INS.has(event.type)) metrics.signIn(event.type.split('.')[0]!);
      },
    },
  };
}

export function instrumentMailer(mailer: Mailer, metrics: RuntimeMetrics): Mailer {
  return {
    ...(mailer.maxSendRate ? { maxSendRate: mailer.maxSendRate.bind(mailer) } : {}),
    async send(message) {
      try {
        const sent = await mailer.send(message);
        metrics.mailSent();
        return sent;
      } catch (e) {
        metrics.mailFailed();
        throw e;
      }
    },
  };
}
