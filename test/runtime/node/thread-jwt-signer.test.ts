// Node's signing threads: real worker threads, real RS256 keys, tokens checked by an independent verifier.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../../src/core/keys/keyring.ts';
import type { JwtToSign } from '../../../src/core/ports/jwt-signer.ts';
import type { StoredSigningKey } from '../../../src/core/ports/signing-keys.ts';
import { createThreadJwtSigner } from '../../../src/runtime/node/thread-jwt-signer.ts';

const ISSUER = 'https://auth.example.com';
const now = Math.floor(Date.now() / 1000);
const [keyA, keyB] = await Promise.all([generateSigningKey(0, 0), generateSigningKey(0, 0)]);

function token(key: StoredSigningKey, sub: string, typ = 'JWT'): JwtToSign {
  return { header: { alg: 'RS256', kid: key.kid, typ }, claims: { iss: ISSUER, sub, aud: 'app', token_use: 'id', iat: now, exp: now + 600, groups: ['a', 'b'] } };
}

/** aws-jwt-verify, fed both public keys directly (no JWKS fetch). */
function verifier() {
  const v = JwtRsaVerifier.create({ issuer: ISSUER, audience: 'app', jwksUri: 'https://auth.example.com/.well-known/jwks.json' });
  v.cacheJwks({ keys: [keyA.publicJwk, keyB.publicJwk] as never });
  return v;
}

/** A signing thread's script, as a data: URL. */
const script = (code: string) => new URL(`data:text/javascript,${encodeURIComponent(code)}`);

describe('signing threads', () => {
  it('sign compact RS256 JWTs, in order, with each key the caller names', async () => {
    const signer = createThreadJwtSigner({ threads: 2 });
    const v = verifier();
    // Several batches at once, across both threads, and a key a thread has not seen yet on the way.
    const batches = await Promise.all([
      signer.sign(keyA, [token(keyA, 'usr_1', 'at+jwt'), token(keyA, 'usr_2')]),
      signer.sign(keyB, [token(keyB, 'usr_3')]),
      signer.sign(keyA, [token(keyA, 'usr_4')]),
      signer.sign(keyB, [token(keyB, 'usr_5'), token(keyB, 'usr_6')]),
    ]);
    const jwts = batches.flat();
    expect(jwts).toHaveLength(6);
    for (const [i, jwt] of jwts.entries()) expect((await v.verify(jwt)).sub).toBe(`usr_${i + 1}`);
    expect(jwts.map((jwt) => decodeProtectedHeader(jwt).kid)).toEqual([keyA.kid, keyA.kid, keyB.kid, keyA.kid, keyB.kid, keyB.kid]);
    expect(decodeProtectedHeader(jwts[0])).toEqual({ alg: 'RS256', kid: keyA.kid, typ: 'at+jwt' });
    // A signature made with the other key does not pass as this one's.
    const [h, p] = jwts[0].split('.');
    await expect(v.verify(`${h}.${p}.${jwts[2].split('.')[2]}`)).rejects.toThrow();
  });

  it('sign on the fallback when a thread dies holding jobs, and when none starts', async () => {
    const warn = console.warn;
    console.warn = () => {};
    try {
      // Takes the job, then crashes.
      const crashing = createThreadJwtSigner({ threads: 1, workerUrl: script(`import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => { throw new Error('boom'); });`) });
      const v = verifier();
      expect((await v.verify((await crashing.sign(keyA, [token(keyA, 'usr_1')]))[0])).sub).toBe('usr_1');
      // Later signatures go straight to the fallback.
      expect((await v.verify((await crashing.sign(keyB, [token(keyB, 'usr_2')]))[0])).sub).toBe('usr_2');

      const none = createThreadJwtSigner({ threads: 1, workerUrl: script(`process.exit(3);`) });
      expect((await v.verify((await none.sign(keyA, [token(keyA, 'usr_3')]))[0])).sub).toBe('usr_3');
    } finally {
      console.warn = warn;
    }
  });

  it('refuse claims that are not plain data, and keep signing after', async () => {
    const signer = createThreadJwtSigner({ threads: 1 });
    const bad = { ...token(keyA, 'usr_1'), claims: { sub: 'usr_1', toString: () => 'x' } };
    await expect(signer.sign(keyA, [bad])).rejects.toThrow();
    const [jwt] = await signer.sign(keyA, [token(keyA, 'usr_2')]);
    expect((await verifier().verify(jwt)).sub).toBe('usr_2');
  });

  it('never keep the process alive once idle', () => {
    const code = `
      import { generateSigningKey } from './src/core/keys/keyring.ts';
      import { createThreadJwtSigner } from './src/runtime/node/thread-jwt-signer.ts';
      const key = await generateSigningKey(0, 0);
      const [jwt] = await createThreadJwtSigner({ threads: 2 }).sign(key, [{ header: { alg: 'RS256', kid: key.kid, typ: 'JWT' }, claims: { sub: 'usr_1' } }]);
      console.log(jwt.split('.').length);`;
    const root = resolve(import.meta.dirname, '../../..');
    const started = Date.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: root, encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.stdout.trim()).toBe('3');
    expect(run.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
