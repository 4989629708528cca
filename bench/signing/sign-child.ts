// One process of the signing bound: RS256 signatures of a token-sized JWT, synchronously on this process's only
// thread, for as long as the parent asks. The primitive is the app's (node:crypto sign, as its signing threads use).
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';

// RSA 2048 like the service's keys (src/core/keys/keyring.ts): the cost of a signature depends on the size alone.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const key = createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' }));
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const input = Buffer.from(`${b64({ alg: 'RS256', kid: 'k', typ: 'at+jwt' })}.${b64({
  sub: 'usr_01JBENCHBENCHBENCHBENCHBENC', aud: 'account', scope: 'openid email profile', token_use: 'access',
  iss: 'http://127.0.0.1', iat: 1, nbf: 1, exp: 3601, jti: 'x'.repeat(22), groups: [], freshly_migrated: false,
})}`);

for (let i = 0; i < 50; i++) sign('sha256', input, key); // warm up before the parent starts any clock

process.on('message', (msg: { ms: number }) => {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const end = start + msg.ms;
  let count = 0;
  while (performance.now() < end) {
    sign('sha256', input, key);
    count += 1;
  }
  const used = process.cpuUsage(cpu);
  process.send!({ count, seconds: (performance.now() - start) / 1000, cpuMs: (used.user + used.system) / 1000 });
});
process.send!({ ready: true });
