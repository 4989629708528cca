// Opaque page cursors for admin lists: "v1:" + the paging key, base64url, so the key can change later.
import { base64url } from 'jose';
import { InvalidRequestError } from '../shared/errors.ts';

export const encodeCursor = (key: string) => base64url.encode(`v1:${key}`);

export function decodeCursor(cursor: string): string {
  try {
    const text = new TextDecoder().decode(base64url.decode(cursor));
    if (text.startsWith('v1:') && text.length > 3 && text.length <= 200) return text.slice(3);
  } catch {
    // fall through: not base64
  }
  throw new InvalidRequestError('cursor: is not a cursor this API returned', 'cursor');
}
