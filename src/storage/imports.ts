// ImportStore on drizzle (filled in by the issue that needs it).
import type { ImportStore } from '../core/ports/imports.ts';
import type { Db } from './db.ts';

export function createImportStore(_db: Db): ImportStore {
  return {};
}
