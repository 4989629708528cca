// PasskeyStore on drizzle (filled in by the issue that needs it).
import type { PasskeyStore } from '../core/ports/passkeys.ts';
import type { Db } from './db.ts';

export function createPasskeyStore(_db: Db): PasskeyStore {
  return {};
}
