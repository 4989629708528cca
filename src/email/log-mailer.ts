// The `log` mailer: nothing leaves the machine (issue 3 makes /dev/mail show it).
import type { Mailer } from '../core/ports/mailer.ts';
import { newId } from '../core/crypto.ts';

export function createLogMailer(): Mailer {
  return {
    async send(message) {
      console.log(`[mail] to=${message.to} subject=${JSON.stringify(message.subject)}`);
      return { messageId: newId('log') };
    },
  };
}
