// Refresh token text: `<family id>.<32 random bytes>`; only the SHA-256 of the whole text is stored.
// The family id lets an older, already rotated token be recognised as reuse of its family (RFC 9700 §4.14.2)
// without keeping a row for every token ever issued.
import type { Deps } from '../shared/deps.ts';
import { hmacSha256, newId, randomToken } from '../shared/crypto.ts';

const FAMILY_ID = /^rtf_[0-9A-HJKMNP-TV-Z]{26}$/;

export const newRefreshFamilyId = () => newId('rtf');

export function newRefreshToken(familyId: string): string {
  return `${familyId}.${randomToken()}`;
}

/**
 * The successor of a presented token: keyed by the server secret, so only the server can compute it, and the same
 * every time. A refresh whose answer was lost, or a second tab refreshing with the same token, gets the very token the
 * first got, instead of a second branch of the family that the next refresh would have to treat as reuse.
 */
export async function successorOf(deps: Pick<Deps, 'secret'>, familyId: string, token: string): Promise<string> {
  return `${familyId}.${await hmacSha256(deps.secret, `refresh-successor:${token}`)}`;
}

/** The family a token names, or null (tokens issued before family ids were part of the text name none). */
export function familyIdOf(token: string): string | null {
  const dot = token.indexOf('.');
  const id = dot > 0 ? token.slice(0, dot) : '';
  return FAMILY_ID.test(id) ? id : null;
}

/** The family of a token: named in its text, or (tokens from before) looked up by its hash. */
export async function familyOfToken(deps: Pick<Deps, 'stores'>, token: string, hash: string): Promise<string | null> {
  return familyIdOf(token) ?? (await deps.stores.refreshTokens.familyIdOfLegacyToken(hash));
}
