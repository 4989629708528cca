// Small Web Crypto helpers: random secrets, hashes, constant-time comparison, ids.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { monotonicFactory } from 'ulid';
import { base64url as jose64 } from 'jose';

const encoder = new TextEncoder();

/** base64url without padding (RFC 4648 §5), as JOSE and WebAuthn write it: jose's encoder. */
export const base64url = (bytes: Uint8Array): string => jose64.encode(bytes);

/**
 * 32 random bytes (256 bits) as base64url: far beyond guessing range even for a
 * large fleet of attackers, and the size NIST SP 800-63B and OAuth (RFC 6749 §10.10) advise for bearer secrets.
 */
export function randomToken(bytes = 32): string {
  return base64url(takeRandom(bytes));
}

// Every token grant draws three secrets (refresh token, two `jti`s); one getRandomValues call per 4 KiB instead of
// one each saves most of their cost. Each byte is handed out once and never reused.
const pool = new Uint8Array(4096);
let poolAt = pool.length;

/** `n` fresh bytes of CSPRNG output (a view into the pool: use them before the next call). */
function takeRandom(n: number): Uint8Array {
  if (n > pool.length) return crypto.getRandomValues(new Uint8Array(n));
  if (poolAt + n > pool.length) {
    crypto.getRandomValues(pool);
    poolAt = 0;
  }
  poolAt += n;
  return pool.subarray(poolAt - n, poolAt);
}

/** A uniformly random decimal code of `digits` digits (rejection sampling, no modulo bias). */
export function randomDigits(digits: number): string {
  const max = 10 ** digits;
  const limit = Math.floor(0x1_0000_0000 / max) * max;
  const buf = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buf);
    if (buf[0] < limit) return String(buf[0] % max).padStart(digits, '0');
  }
}

// SHA-256 and HMAC run synchronously in audited pure JS (@noble/hashes): for inputs of a few dozen bytes, an async
// crypto.subtle call costs far more than the hash itself (on Node each is a thread-pool job and a wake-up), and
// every token grant and code check makes one or two. Same algorithms and outputs, on Node and Workers alike.
export async function sha256(value: string): Promise<string> {
  return base64url(nobleSha256(encoder.encode(value)));
}

/** One keyed HMAC per secret; each call clones it, so the key schedule is computed once. */
const hmacKeys = new Map<string, ReturnType<typeof hmac.create>>();

/** HMAC-SHA-256 with a server secret: short codes are hashed with a key so a stolen table cannot be brute-forced offline. */
export async function hmacSha256(secret: string, value: string): Promise<string> {
  let keyed = hmacKeys.get(secret);
  if (!keyed) {
    keyed = hmac.create(nobleSha256, encoder.encode(secret));
    hmacKeys.set(secret, keyed);
  }
  return base64url(keyed.clone().update(encoder.encode(value)).digest());
}

/** Compares two strings in time that depends only on their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

// ulid's default PRNG asks the OS for one byte per character; drawing from a 4 KiB pool of the same
// CSPRNG output is ~20x faster, which a million-user import notices. Each byte yields one of 32 characters (256/32: unbiased).
const pooledPrng = () => takeRandom(1)[0] / 256;

/** Internal user id: `usr_` + a 26-character ULID (time-ordered, so list cursors stay cheap). */
// Monotonic: ids made later in a process sort later, even within one millisecond (PostgreSQL's newest-first tie-break).
const ulid = monotonicFactory(pooledPrng);
export const newUserId = () => `usr_${ulid()}`;
export const newId = (prefix: string) => `${prefix}_${ulid()}`;
