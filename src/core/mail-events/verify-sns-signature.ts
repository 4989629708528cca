// Verifies an SNS message's signature with WebCrypto, against a signing certificate fetched only from allowed hosts.
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import { AuthError } from '../shared/errors.ts';
import { snsStringToSign, type SnsMessage } from './sns-message.ts';
import { base64Bytes } from './base64-bytes.ts';

export interface SnsVerifierOptions {
  /** Origins certificates may come from (config.sesEvents.certHosts): https, or http on loopback for tests. */
  allowedOrigins: readonly string[];
  fetch?: typeof fetch;
  now?: () => number;
}

export interface SnsVerifier {
  /** Throws AuthError('invalid_request') unless the message is signed by a certificate from an allowed host. */
  verify(message: SnsMessage): Promise<void>;
  /** Whether `url` is on an allowed host (a SubscribeURL must be, before cutover fetches it). */
  isAllowedUrl(url: string): boolean;
  /** Confirms a subscription: GET its SubscribeURL, which must be on an allowed host. */
  confirmSubscription(subscribeUrl: string): Promise<void>;
}

/** SignatureVersion 1 is SHA1withRSA, 2 is SHA256withRSA (SNS developer guide). */
const HASH = { '1': 'SHA-1', '2': 'SHA-256' } as const;
/** A PEM certificate is a couple of KiB; refuse to read more from anyone. */
const MAX_CERT_BYTES = 16 * 1024;
const MAX_CACHED = 32;
/** SNS rotates its signing certificate now and then; a cached one is fetched again after a day. */
const CACHE_MS = 24 * 3600_000;

const refuse = (message: string) => new AuthError('invalid_request', message);
const utf8 = new TextEncoder();

function pemToDer(pem: string): Uint8Array<ArrayBuffer> {
  const m = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/.exec(pem);
  if (!m) throw refuse('the signing certificate is not a PEM certificate');
  const der = base64Bytes(m[1].replace(/\s+/g, ''));
  if (!der) throw refuse('the signing certificate is not valid X.509');
  return der;
}

export function createSnsVerifier(options: SnsVerifierOptions): SnsVerifier {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? Date.now;
  const allowed = new Set(options.allowedOrigins);
  const cache = new Map<string, { key: Promise<CryptoKey>; notAfter: number; until: number }>();

  const isAllowedUrl = (url: string) => {
    if (!URL.canParse(url)) return false;
    const u = new URL(url);
    return allowed.has(u.origin) && !u.username && !u.password;
  };

  async function loadKey(url: string, hash: string): Promise<{ key: CryptoKey; notAfter: number }> {
    // No redirects: a redirect could lead off the allowed hosts.
    const res = await doFetch(url, { redirect: 'error', signal: AbortSignal.timeout(5000) }).catch((e: Error) => {
      // The host is allowed but did not answer: a 503 makes SNS deliver the message again later.
      throw new AuthError('unavailable', `the signing certificate could not be fetched: ${e.message}`);
    });
    if (!res.ok) throw refuse(`the signing certificate could not be fetched (HTTP ${res.status})`);
    const body = await res.text();
    if (body.length > MAX_CERT_BYTES) throw refuse('the signing certificate is too large');
    let cert: Certificate;
    try {
      cert = AsnConvert.parse(pemToDer(body), Certificate);
    } catch (e) {
      if (e instanceof AuthError) throw e;
      throw refuse('the signing certificate is not valid X.509');
    }
    const { notBefore, notAfter } = cert.tbsCertificate.validity;
    const t = now();
    if (notBefore.getTime().getTime() > t || notAfter.getTime().getTime() < t) throw refuse('the signing certificate is not valid now');
    const spki = AsnConvert.serialize(cert.tbsCertificate.subjectPublicKeyInfo);
    const key = await crypto.subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['verify'])
      .catch(() => { throw refuse('the signing certificate does not hold an RSA key'); });
    return { key, notAfter: notAfter.getTime().getTime() };
  }

  /** The key of the certificate at `url`, an allowed URL: a cached one was allowed when cached. */
  function keyFor(url: string, hash: string): Promise<CryptoKey> {
    const id = `${hash} ${url}`;
    const hit = cache.get(id);
    const t = now();
    if (hit && hit.until > t && hit.notAfter > t) return hit.key;
    // Only on a miss: parsing the URL for every message was 2 µs of the event loop's CPU per notification.
    if (!isAllowedUrl(url)) return Promise.reject(refuse('SigningCertURL: not on an allowed SNS host'));
    const loading = loadKey(url, hash);
    const entry = { key: loading.then((k) => k.key), notAfter: Infinity, until: t + CACHE_MS };
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(id, entry);
    // A failed fetch is not cached: the next message tries again.
    loading.then((k) => (entry.notAfter = k.notAfter), () => cache.delete(id));
    return entry.key;
  }

  return {
    isAllowedUrl,
    async confirmSubscription(subscribeUrl) {
      if (!isAllowedUrl(subscribeUrl)) throw refuse('SubscribeURL: not on an allowed SNS host');
      const res = await doFetch(subscribeUrl, { redirect: 'error', signal: AbortSignal.timeout(10_000) }).catch((e: Error) => {
        throw new AuthError('unavailable', `the subscription could not be confirmed: ${e.message}`);
      });
      await res.body?.cancel();
      if (!res.ok) throw new AuthError('unavailable', `the subscription could not be confirmed (HTTP ${res.status})`);
    },
    async verify(message) {
      const key = await keyFor(message.SigningCertURL, HASH[message.SignatureVersion]);
      const data = utf8.encode(snsStringToSign(message));
      const signature = base64Bytes(message.Signature);
      if (!signature) throw refuse('Signature: not valid base64');
      const ok = await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature, data);
      if (!ok) throw refuse('Signature: does not match the message');
    },
  };
}
