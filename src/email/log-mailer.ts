// The `log` mailer: nothing leaves the machine; each mail is kept in the database and shown at /dev/mail.
import type { Mailer } from '../core/ports/mailer.ts';
import type { OutboxStore } from '../core/ports/outbox.ts';
import { systemClock, type Clock } from '../core/ports/clock.ts';
import { newId } from '../core/shared/crypto.ts';

export function createLogMailer(outbox: OutboxStore, clock: Clock = systemClock): Mailer {
  return {
    async send(message) {
      await outbox.keep({ ...message, createdAt: clock.now() });
      // The console line leaves out the body: it holds a live link and code.
      console.log(`[mail] to=${message.to} subject=${JSON.stringify(message.subject)} (read it at /dev/mail)`);
      return { messageId: newId('log') };
    },
  };
}
