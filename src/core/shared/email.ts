// Email addresses: one normal form for lookups (emails are unique per tenant, case-insensitively).

/**
 * The lookup key of an address: trimmed, Unicode NFC (an address typed as `é` or as `e` + U+0301 is one person),
 * letters lower-cased. Never folds a character into a different-looking one that merely resembles it: a code point
 * that NFC alone replaces (U+212A KELVIN SIGN becomes `K`, U+212B ANGSTROM SIGN `Å`, U+2126 OHM SIGN `Ω`) or whose
 * lower case is ASCII although it is not (Kelvin to `k`, U+0130 `İ` to `i̇`) stays as written, so `Kate@` spelt
 * with a Kelvin sign is never taken for `kate@`: another key, another person (UTS #39: never merge on a confusable).
 */
export function normalizeEmail(email: string): string {
  let key = '';
  let run = '';
  for (const ch of email.trim()) {
    if (ch.normalize('NFC') === ch) {
      run += ch;
      continue;
    }
    key += lowerCase(run.normalize('NFC')) + ch;
    run = '';
  }
  return key + lowerCase(run.normalize('NFC'));
}

const ASCII = /[\x00-\x7f]/;

function lowerCase(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    out += ch.charCodeAt(0) > 0x7f && ASCII.test(lower) ? ch : lower;
  }
  return out;
}

/** A pragmatic syntax check (RFC 5321 length limits, one @, a dotted or localhost domain). */
export function isPlausibleEmail(email: string): boolean {
  if (email.length > 254) return false;
  const at = email.lastIndexOf('@');
  if (at < 1 || at > 64 || at === email.length - 1) return false;
  return !/\s/.test(email) && /^[^@]+@[^@]+$/.test(email);
}
