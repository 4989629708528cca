// OutboxStore on drizzle (filled in by the issue that needs it).
import type { OutboxStore } from '../core/ports/outbox.ts';
import type { Db } from './db.ts';

export function createOutboxStore(_db: Db): OutboxStore {
  return {};
}
