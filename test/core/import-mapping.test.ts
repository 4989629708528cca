// Pure import mapping, the unverified-email rule, and the just-in-time filter escaping.
import { describe, expect, it } from 'vitest';
import { changeHash, mapCognitoUser } from '../../src/core/import/import-mapping.ts';
import { canUseNonEmailSignIn } from '../../src/core/sign-in/non-email-sign-in.ts';
import { emailFilter, regionOf } from '../../src/cognito/jit-import.ts';

const rec = (attrs: Record<string, string>, extra = {}) => ({
  Username: 'u1', Attributes: Object.entries(attrs).map(([Name, Value]) => ({ Name, Value })), Enabled: true, UserStatus: 'CONFIRMED', ...extra,
});

describe('mapCognitoUser', () => {
  it('maps standard attributes to the profile and keeps custom ones verbatim', () => {
    const r = mapCognitoUser(rec({ sub: 's1', email: ' Ada@Example.COM ', email_verified: 'true', given_name: 'Ada', 'custom:tier': 'gold', 'dev:custom:x': '1', identities: '[{"providerName":"Google"}]' }), ['b', 'a', 'b'], '#0');
    expect(r).toEqual({ ok: true, user: expect.objectContaining({
      sub: 's1', username: 'u1', status: 'CONFIRMED', email: 'Ada@Example.COM', emailNormalized: 'ada@example.com', emailVerified: true, enabled: true,
      profile: { given_name: 'Ada' }, attributes: { 'custom:tier': 'gold', 'dev:custom:x': '1' }, roles: ['a', 'b'], identities: [{ providerName: 'Google' }],
    }) });
  });

  it('hashes the content, not the attribute order', () => {
    const a = mapCognitoUser(rec({ sub: 's', email: 'a@x.io', given_name: 'A' }), ['g'], '');
    const b = mapCognitoUser({ ...rec({ given_name: 'A', email: 'a@x.io', sub: 's' }), UserCreateDate: 'another day' }, ['g'], '');
    const c = mapCognitoUser(rec({ sub: 's', email: 'a@x.io', given_name: 'B' }), ['g'], '');
    const d = mapCognitoUser(rec({ sub: 's', email: 'a@x.io', given_name: 'A' }), [], '');
    const hash = (r: ReturnType<typeof mapCognitoUser>) => (r.ok ? r.user.hash : null);
    expect(hash(a)).toBe(hash(b));
    expect(hash(a)).not.toBe(hash(c));
    expect(hash(a)).not.toBe(hash(d));
  });

  it('treats disabled users, missing email and unverified email, and rejects records without a sub', () => {
    expect(mapCognitoUser(rec({ sub: 's', phone_number: '+1' }, { Enabled: false }), [], '')).toMatchObject({ ok: true, user: { enabled: false, email: null, emailVerified: false } });
    expect(mapCognitoUser(rec({ sub: 's', email: 'a@b.c', email_verified: 'false' }), [], '')).toMatchObject({ ok: true, user: { emailVerified: false } });
    expect(mapCognitoUser(rec({ sub: 's', identities: 'not json' }), [], '')).toMatchObject({ ok: true, user: { identities: [], attributes: { identities: 'not json' } } });
    expect(mapCognitoUser(rec({ email: 'a@b.c' }), [], 'file#3')).toMatchObject({ ok: false, legacySub: 'u1', reason: expect.stringMatching(/^invalid_record/) });
    expect(mapCognitoUser({}, [], 'file#3')).toMatchObject({ ok: false, legacySub: 'file#3' });
  });
});

describe('changeHash', () => {
  it('keeps the values earlier imports stored (a change would mark every user updated on the next run)', () => {
    expect(changeHash('')).toBe('26c8wzs8fs1.kz98hrb9of');
    expect(changeHash('a')).toBe('1guuo3poulb.259fwfz8om');
    expect(changeHash('{"sub":"00000000-0000-4000-8000-000000000001","email":"ada@example.com"}')).toBe('r0hbwhbs2f.l3c56ubp56');
    expect(changeHash('é漢字🙂')).toBe('25izaayisq.1er7ksainxy');
  });
});

describe('canUseNonEmailSignIn', () => {
  it('opens passkeys and federated links only once the email is proven', () => {
    expect(canUseNonEmailSignIn({ email: 'a@b.c', emailVerified: false, enabled: true })).toBe(false);
    expect(canUseNonEmailSignIn({ email: 'a@b.c', emailVerified: true, enabled: true })).toBe(true);
    expect(canUseNonEmailSignIn({ email: null, emailVerified: false, enabled: true })).toBe(true);
    expect(canUseNonEmailSignIn({ email: 'a@b.c', emailVerified: true, enabled: false })).toBe(false);
  });
});

describe('just-in-time lookup helpers', () => {
  it('escapes quotes and backslashes so an address cannot add a clause', () => {
    expect(emailFilter('ada@example.com')).toBe('email = "ada@example.com"');
    expect(emailFilter('a"b\\c@x.io')).toBe('email = "a\\"b\\\\c@x.io"');
    expect(emailFilter('x" or email ^= "')).toBe('email = "x\\" or email ^= \\""');
  });
  it('reads the region from a pool id', () => {
    expect(regionOf('eu-west-1_AbC123')).toBe('eu-west-1');
    expect(regionOf('us-gov-west-1_x')).toBe('us-gov-west-1');
    expect(regionOf('file:users')).toBeUndefined();
  });
});
