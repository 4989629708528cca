// Configuration: defaults from SPEC §1, and a bad value names its variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseDuration, parseEnv } from '../../src/core/shared/config.ts';

describe('parseEnv', () => {
  it('has the SPEC defaults', () => {
    const c = parseEnv({});
    expect(c).toMatchObject({
      port: 8787, issuer: 'http://localhost:8787', dbPath: './data/cutover.db', mailer: 'log', emailFrom: 'no-reply@localhost',
      cognitoUserPoolId: undefined, selfSignup: true, rateLimitEmail: { limit: 5, windowSeconds: 900 }, rateLimitIp: { limit: 100, windowSeconds: 900 },
      accessTokenTtl: 3600, idTokenTtl: 3600, refreshTokenTtl: 30 * 86400,
    });
    expect(c.keyRotationDelay).toBeGreaterThan(2 * 3600); // API Gateway caches JWKS for up to two hours
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads every variable', () => {
    const c = parseEnv({
      PORT: '9000', CUTOVER_ISSUER: 'https://auth.example.com/', CUTOVER_MAILER: 'ses', CUTOVER_SELF_SIGNUP: 'false',
      CUTOVER_RATE_LIMIT_EMAIL: '3/1h', CUTOVER_COGNITO_USER_POOL_ID: 'us-east-1_abc', CUTOVER_ACCESS_TOKEN_TTL: '15m',
    });
    expect(c).toMatchObject({ port: 9000, issuer: 'https://auth.example.com', mailer: 'ses', selfSignup: false, rateLimitEmail: { limit: 3, windowSeconds: 3600 }, cognitoUserPoolId: 'us-east-1_abc', accessTokenTtl: 900 });
    expect(c.webauthn).toEqual({ rpId: 'auth.example.com', origins: ['https://auth.example.com'] });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['CUTOVER_ISSUER', 'not a url'],
    ['CUTOVER_ISSUER', 'ftp://example.com'],
    ['CUTOVER_ISSUER', 'https://example.com/?x=1'],
    ['CUTOVER_MAILER', 'smtp'],
    ['CUTOVER_SELF_SIGNUP', 'maybe'],
    ['CUTOVER_RATE_LIMIT_EMAIL', 'five'],
    ['CUTOVER_RATE_LIMIT_IP', '0/15m'],
    ['CUTOVER_ACCESS_TOKEN_TTL', '-5'],
    ['CUTOVER_SECRET', 'short'],
    ['CUTOVER_BRAND_COLOR', 'red'],
  ])('%s=%s stops with a message naming the variable', (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(ConfigError);
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`^${name} `));
  });

  it('parses durations', () => {
    expect(parseDuration('90')).toBe(90);
    expect(parseDuration('2h')).toBe(7200);
    expect(parseDuration('0')).toBeNull();
    expect(parseDuration('1w')).toBeNull();
  });

  it('takes localhost on the given PORT as the issuer when CUTOVER_ISSUER is unset, and an explicit issuer as it is', () => {
    expect(parseEnv({ PORT: '3000' }).issuer).toBe('http://localhost:3000');
    expect(parseEnv({}).issuer).toBe('http://localhost:8787');
    expect(parseEnv({ PORT: '3000', CUTOVER_ISSUER: 'https://auth.example.com/' }).issuer).toBe('https://auth.example.com');
    expect(() => parseEnv({ PORT: 'x' })).toThrow(/^PORT /);
  });
});
