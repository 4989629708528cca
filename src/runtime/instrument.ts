// Counts what the metrics report without touching the core: successful sign-ins (their audit events) and mail the
// provider took or refused (the mailer's answers).
import type { Stores } from '../core/ports/index.ts';
import type { Mailer } from '../core/ports/mailer.ts';
import { SIGN_IN_AUDIT_TYPES, signInMethodOf } from '../core/ports/report.ts';

export interface RuntimeMetrics {
  signIn(method: string): void;
  mailSent(): void;
  mailFailed(): void;
}

const SIGN_INS = new Set<string>(SIGN_IN_AUDIT_TYPES);

export function instrumentStores(stores: Stores, metrics: RuntimeMetrics): Stores {
  const { audit, emailChallenges } = stores;
  const counted = (type: string) => {
    if (SIGN_INS.has(type)) metrics.signIn(signInMethodOf(type));
  };
  return {
    ...stores,
    audit: {
      ...audit,
      record: async (event, now) => {
        await audit.record(event, now);
        counted(event.type);
      },
    },
    emailChallenges: {
      ...emailChallenges,
      // A code try may write its sign-in's audit event itself (PostgreSQL's one statement, better-sqlite3's one
      // transaction), never through record above.
      attemptCode: async (tenant, email, codeHash, now, maxAttempts, options) => {
        const tried = await emailChallenges.attemptCode(tenant, email, codeHash, now, maxAttempts, options);
        if (tried?.signInAudited && options?.auditSignIn) counted(options.auditSignIn.type);
        return tried;
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
