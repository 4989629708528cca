// sha256 and hmacSha256 (pure JS) must equal Web Crypto's digests, byte for byte: every stored hash depends on it.
import { describe, expect, it } from 'vitest';
import { base64url, hmacSha256, sha256 } from '../../src/core/shared/crypto.ts';

const encoder = new TextEncoder();
const subtleSha256 = async (v: string) => base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(v))));
const subtleHmac = async (secret: string, v: string) => {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(v))));
};
const inputs = ['', 'abc', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'y'.repeat(1000), 'default\nélodie@exemple.fr\n012345', '🔑 token'];

describe('sha256', () => {
  it('matches the FIPS 180-2 "abc" vector', async () => {
    // ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad, as base64url
    expect(await sha256('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
  });
  it.each(inputs)('equals crypto.subtle for %j', async (v) => {
    expect(await sha256(v)).toBe(await subtleSha256(v));
  });
});

describe('hmacSha256', () => {
  it('matches RFC 4231 test case 2', async () => {
    // 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843, as base64url
    expect(await hmacSha256('Jefe', 'what do ya want for nothing?')).toBe('W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM');
  });
  it.each(inputs)('equals crypto.subtle for %j, call after call with the same key', async (v) => {
    for (const secret of ['s3cret', 'k'.repeat(100)]) {
      const expected = await subtleHmac(secret, v);
      expect(await hmacSha256(secret, v)).toBe(expected);
      expect(await hmacSha256(secret, v)).toBe(expected);
    }
  });
  it('depends on the key', async () => {
    expect(await hmacSha256('one', 'code')).not.toBe(await hmacSha256('two', 'code'));
  });
});
