// Pure mapping of one Cognito user record (ListUsers / list-users JSON) to the profile cutover stores.
import { emailProblem, normalizeEmail } from '../shared/email.ts';

/** A user as Cognito's ListUsers returns it; dates may be strings (CLI JSON) or Dates (SDK). */
export interface CognitoUserRecord {
  Username?: unknown;
  Attributes?: unknown;
  Enabled?: unknown;
  UserStatus?: unknown;
  UserCreateDate?: unknown;
  UserLastModifiedDate?: unknown;
}

export interface MappedUser {
  sub: string;
  username: string;
  /** Cognito UserStatus (CONFIRMED, UNCONFIRMED, FORCE_CHANGE_PASSWORD, EXTERNAL_PROVIDER, ...). */
  status: string | null;
  email: string | null;
  emailNormalized: string | null;
  emailVerified: boolean;
  enabled: boolean;
  profile: Record<string, string>;
  attributes: Record<string, string>;
  roles: string[];
  identities: unknown[];
  /** Change detection for re-runs (not a security hash): same record + groups → same value. */
  hash: string;
}

export type MapResult = { ok: true; user: MappedUser } | { ok: false; legacySub: string; username: string | null; reason: string };

/** OIDC standard claims Cognito supports as standard attributes; everything else goes to `attributes`. */
const PROFILE_ATTRIBUTES = new Set([
  'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture',
  'website', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number', 'phone_number_verified', 'address', 'updated_at',
]);

export function mapCognitoUser(record: CognitoUserRecord, groups: readonly string[], fallbackKey: string): MapResult {
  const username = typeof record.Username === 'string' && record.Username !== '' ? record.Username : null;
  const attrs = new Map<string, string>();
  if (Array.isArray(record.Attributes)) {
    for (const a of record.Attributes as { Name?: unknown; Value?: unknown }[]) {
      if (a && typeof a.Name === 'string' && typeof a.Value === 'string') attrs.set(a.Name, a.Value);
    }
  }
  const sub = attrs.get('sub') ?? null;
  if (!username || !sub || !Array.isArray(record.Attributes)) {
    return { ok: false, legacySub: sub ?? username ?? fallbackKey, username, reason: 'invalid_record: missing Username, Attributes or sub' };
  }
  const rawEmail = attrs.get('email')?.trim() || null;
  const problem = rawEmail === null ? null : emailProblem(rawEmail);
  if (problem) return { ok: false, legacySub: sub, username, reason: `invalid_email: the email attribute cannot sign in: ${problem}` };
  const profile: Record<string, string> = {};
  const attributes: Record<string, string> = {};
  let identities: unknown[] = [];
  for (const [name, value] of [...attrs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (name === 'sub' || name === 'email' || name === 'email_verified') continue;
    if (PROFILE_ATTRIBUTES.has(name)) profile[name] = value;
    else if (name === 'identities') {
      // Cognito stores federated links as a JSON string; keep it verbatim when it is not the expected array.
      const parsed = safeJson(value);
      if (Array.isArray(parsed)) identities = parsed;
      else attributes[name] = value;
    } else attributes[name] = value; // custom:*, dev:custom:* and anything unknown, verbatim
  }
  const user: Omit<MappedUser, 'hash'> = {
    sub,
    username,
    status: typeof record.UserStatus === 'string' ? record.UserStatus : null,
    email: rawEmail,
    emailNormalized: rawEmail === null ? null : normalizeEmail(rawEmail),
    emailVerified: rawEmail !== null && attrs.get('email_verified') === 'true',
    enabled: record.Enabled !== false,
    profile,
    attributes,
    roles: [...new Set(groups)].sort(),
    identities,
  };
  return { ok: true, user: { ...user, hash: changeHash(JSON.stringify(user)) } };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Two 53-bit FNV-style hashes (cyrb53, seeds 1 and 2) of the canonical record: fast and synchronous, which matters at
 * a million users; it only tells `unchanged` from `updated`, nothing relies on it for security. Both seeds run in
 * one pass over the text (half the time of two); the value must never change, as re-runs compare it with stored ones.
 */
export function changeHash(text: string): string {
  let a1 = 0xdeadbeef ^ 1;
  let a2 = 0x41c6ce57 ^ 1;
  let b1 = 0xdeadbeef ^ 2;
  let b2 = 0x41c6ce57 ^ 2;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a1 = Math.imul(a1 ^ ch, 2654435761);
    a2 = Math.imul(a2 ^ ch, 1597334677);
    b1 = Math.imul(b1 ^ ch, 2654435761);
    b2 = Math.imul(b2 ^ ch, 1597334677);
  }
  return `${finish53(a1, a2)}.${finish53(b1, b2)}`;
}

function finish53(h1: number, h2: number): string {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Roles united, sorted, without duplicates (merge rule: roles are united, never dropped by an import). */
export function uniteRoles(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}
