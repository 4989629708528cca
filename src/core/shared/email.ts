// Email addresses: one normal form for lookups (emails are unique per tenant, case-insensitively).

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A pragmatic syntax check (RFC 5321 length limits, one @, a dotted or localhost domain). */
export function isPlausibleEmail(email: string): boolean {
  if (email.length > 254) return false;
  const at = email.lastIndexOf('@');
  if (at < 1 || at > 64 || at === email.length - 1) return false;
  return !/\s/.test(email) && /^[^@]+@[^@]+$/.test(email);
}
