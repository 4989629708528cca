// EmailChallengeStore on drizzle (filled in by the issue that needs it).
import type { EmailChallengeStore } from '../core/ports/email-challenges.ts';
import type { Db } from './db.ts';

export function createEmailChallengeStore(_db: Db): EmailChallengeStore {
  return {};
}
