// Email addresses: what we accept (what mail systems deliver, SMTPUTF8 and IDN included) and one normal form for lookups.

/** The domain in ASCII (IDNA, RFC 5891: "exämple.com" → "xn--exmple-cua.com"), as mail servers route it; null when it is no hostname. */
export function asciiDomain(domain: string): string | null {
  // URL's host parser applies UTS #46 (the WHATWG URL standard): the same conversion browsers and mail clients use.
  if (!domain || /[\s/\\?#@:%[\]]/.test(domain)) return null;
  try {
    return new URL(`http://${domain}`).hostname;
  } catch {
    return null;
  }
}

/**
 * One spelling per mailbox, for unique lookups: NFC (precomposed and decomposed "é" are one address), the local part
 * lower-cased (as Cognito compares emails), the domain in lower-case ASCII so Unicode and punycode spellings match.
 */
export function normalizeEmail(email: string): string {
  const e = email.trim().normalize('NFC');
  const at = e.lastIndexOf('@');
  if (at < 1) return e.toLowerCase();
  const domain = e.slice(at + 1);
  return `${e.slice(0, at).toLowerCase()}@${asciiDomain(domain) ?? domain.toLowerCase()}`;
}

/**
 * Unquoted local parts: any visible character, ASCII or not (RFC 6531, SMTPUTF8), in dot-separated runs. Lenient on
 * odd ASCII (Cognito holds addresses like o"brien@…) so nothing imported is later refused at sign-in.
 */
const LOCAL_PART = /^[^\s@.\p{Cc}]+(\.[^\s@.\p{Cc}]+)*$/u;

/**
 * Why an address cannot be a sign-in address here, or null when it can. The same rule at import and at every
 * sign-in endpoint, so nobody is imported who could never sign in. Quoted local parts ("x y"@example.com) are
 * legal in RFC 5321 but nearly unused and refused by many providers: they are reported, not half-supported.
 */
export function emailProblem(email: string): string | null {
  const e = email.trim().normalize('NFC');
  if (new TextEncoder().encode(e).length > 254) return 'longer than 254 bytes (RFC 5321)';
  const at = e.lastIndexOf('@');
  if (at < 1 || at === e.length - 1) return 'not an address (local-part@domain)';
  const local = e.slice(0, at);
  if (local.startsWith('"')) return 'quoted local parts ("…"@) are not supported';
  if (new TextEncoder().encode(local).length > 64) return 'local part longer than 64 bytes (RFC 5321)';
  if (!LOCAL_PART.test(local)) return 'the local part has a space, a control character or misplaced dots';
  const domain = asciiDomain(e.slice(at + 1));
  if (!domain || !(domain === 'localhost' || /^([a-z0-9_]([a-z0-9_-]*[a-z0-9_])?\.)+[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(domain))) return 'the domain is not a host name';
  return null;
}

export const isPlausibleEmail = (email: string): boolean => emailProblem(email) === null;
