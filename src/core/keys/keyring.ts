// Signing keys: which key signs now, which keys the JWKS publishes, and rotation.
import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, type JWK, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../shared/config.ts';
import type { Clock } from '../ports/clock.ts';
import type { SigningKeyStore, StoredSigningKey } from '../ports/signing-keys.ts';

/**
 * How long a process trusts its cached copy of the key table: another process's rotation (`keys rotate --now` from the
 * CLI, another instance) signs here within this. Reloading a handful of rows once a second costs next to nothing.
 */
const CACHE_MS = 1_000;
/**
 * How long after its successor activates an instance may still sign with a key: its cache, requests already past key
 * selection, and clock skew between the machines that share the database. Keys stay published this much longer than
 * the tokens they signed live, so no instance's last token ever outlives its key in the JWKS.
 */
export const SIGNING_LAG_MS = 5 * 60_000;
/** An unknown `kid` may force a reload, but not more often than this (random kids must not hammer the database). */
const RELOAD_ON_MISS_MS = 5_000;

export interface Keyring {
  /** The JWKS document: every key that may still verify a live token, plus the next key once published. */
  jwks(): Promise<{ keys: JWK[] }>;
  /** The same document without a wait, or null when the cached copy is stale (then call `jwks()`). */
  cachedJwks(): { keys: JWK[] } | null;
  /** The key that signs now (hand it to a JwtSigner). */
  signingKey(): Promise<StoredSigningKey>;
  /** A jose key resolver for verifying our own tokens (looks `kid` up among published keys). */
  verificationKeys(): JWTVerifyGetKey;
  /** Forgets the cache (after this process rotated). */
  invalidate(): void;
}

export async function generateSigningKey(activateAt: number, now: number): Promise<StoredSigningKey> {
  // RSA 2048 / RS256: the API Gateway HTTP API JWT authorizer accepts RSA keys only.
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    kid,
    alg: 'RS256',
    publicJwk: { ...publicJwk, kid, alg: 'RS256', use: 'sig' } as JsonWebKey,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256' } as JsonWebKey,
    createdAt: now,
    activateAt,
  };
}

/** The key signing at `now`: the newest one already active (keys sorted by activation). */
export function activeKey(keys: StoredSigningKey[], now: number): StoredSigningKey | undefined {
  let active: StoredSigningKey | undefined;
  for (const k of keys) if (k.activateAt <= now) active = k;
  return active;
}

/**
 * A key stays published while a token it signed may live: until the next key has been signing for `maxTokenTtlMs`
 * plus SIGNING_LAG_MS. Keys not yet active are published at once (API Gateway caches JWKS).
 */
export function publishedKeys(keys: StoredSigningKey[], now: number, maxTokenTtlMs: number): StoredSigningKey[] {
  return keys.filter((k, i) => {
    const successor = keys.slice(i + 1).find((n) => n.activateAt > k.activateAt);
    return !successor || now < successor.activateAt + maxTokenTtlMs + SIGNING_LAG_MS;
  });
}

export function createKeyring(store: SigningKeyStore, clock: Clock, config: Config): Keyring {
  const maxTtlMs = Math.max(config.accessTokenTtl, config.idTokenTtl) * 1000;
  let loadedAt = -Infinity;
  let lastMissReload = -Infinity;
  let keys: StoredSigningKey[] = [];
  let jwksDoc: { keys: JWK[] } = { keys: [] };
  let localSet: JWTVerifyGetKey | null = null;
  let loading: Promise<void> | null = null;

  async function load(): Promise<void> {
    keys = (await store.all()).sort((a, b) => a.activateAt - b.activateAt);
    loadedAt = clock.now();
    const published = publishedKeys(keys, loadedAt, maxTtlMs);
    jwksDoc = { keys: published.map((k) => k.publicJwk as JWK) };
    localSet = createLocalJWKSet(jwksDoc);
  }

  async function fresh(force = false): Promise<void> {
    if (!force && clock.now() - loadedAt < CACHE_MS) return;
    loading ??= load().finally(() => (loading = null));
    await loading;
  }

  return {
    async jwks() {
      await fresh();
      return jwksDoc;
    },
    cachedJwks() {
      return clock.now() - loadedAt < CACHE_MS ? jwksDoc : null;
    },
    async signingKey() {
      await fresh();
      let key = activeKey(keys, clock.now());
      if (!key) {
        await fresh(true);
        key = activeKey(keys, clock.now());
      }
      if (!key) throw new Error('no active signing key: call ensureSigningKey at start');
      return key;
    },
    verificationKeys() {
      return async (header, token) => {
        await fresh();
        try {
          return await localSet!(header, token);
        } catch (e) {
          // Another instance may have rotated since we loaded; reload once, rate-limited.
          const now = clock.now();
          if (now - lastMissReload < RELOAD_ON_MISS_MS) throw e;
          lastMissReload = now;
          await fresh(true);
          return localSet!(header, token);
        }
      };
    },
    invalidate() {
      loadedAt = -Infinity;
    },
  };
}
