// Admin: the audit log, newest first, filtered by person or event type, one page at a time (SPEC §11).
import type { Deps } from '../shared/deps.ts';
import { InvalidRequestError } from '../shared/errors.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

export interface AuditEntryJson {
  id: string;
  at: string;
  type: string;
  actor: string | null;
  ip: string | null;
  tenant: string | null;
  userId: string | null;
  clientId: string | null;
  detail: Record<string, unknown>;
}

export interface ListAuditInput {
  userId?: string;
  type?: string;
  cursor?: string;
  /** 1-200 */
  limit: number;
}

function positionOf(cursor: string): { at: number; id: string } {
  const key = decodeCursor(cursor);
  const sep = key.indexOf(':');
  const at = Number(key.slice(0, sep));
  if (sep < 1 || !Number.isSafeInteger(at)) throw new InvalidRequestError('cursor: is not a cursor this API returned', 'cursor');
  return { at, id: key.slice(sep + 1) };
}

export async function listAudit(deps: Pick<Deps, 'stores'>, input: ListAuditInput): Promise<{ events: AuditEntryJson[]; nextCursor: string | null }> {
  if (!Number.isInteger(input.limit) || input.limit < 1 || input.limit > 200) throw new TypeError('listAudit: "limit" must be an integer from 1 to 200');
  const rows = await deps.stores.audit.list({
    userId: input.userId, type: input.type, before: input.cursor === undefined ? undefined : positionOf(input.cursor), limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    events: page.map((e) => ({
      id: e.id, at: new Date(e.at).toISOString(), type: e.type, actor: e.actor ?? null, ip: e.ip ?? null,
      tenant: e.tenant ?? null, userId: e.userId ?? null, clientId: e.clientId ?? null, detail: e.detail ?? {},
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor(`${last.at}:${last.id}`) : null,
  };
}
