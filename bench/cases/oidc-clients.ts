// Issue 12 over real sockets: a confidential client's code exchanges (client_secret_basic, two signatures each) and
// client_credentials grants (one signature each) at /oauth2/token, each against the machine's all-core RS256 bound
// for the signatures it makes.
import { createClient } from '../../src/core/clients/create-client.ts';
import { saveResourceServer } from '../../src/core/clients/create-resource-server.ts';
import { newUserId, randomToken, sha256 } from '../../src/core/shared/crypto.ts';
import { measure } from '../http/measure.ts';
import { startService } from '../http/service.ts';
import { startSigningPool } from '../signing/signing-pool.ts';
import { best, cpuMs, inRounds, perTokenSet, rates, ratios, result, type BenchCase } from '../harness.ts';

const ROUNDS = 3;
const SECONDS = 3;
const CONNECTIONS = 32;
const CB = 'https://app.example.com/cb';
/** Seeded codes live this long (a real one lives a minute), so a slow machine's run never meets an expired one. */
const BENCH_CODE_TTL_MS = 15 * 60_000;

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

export const oidcClients: BenchCase = {
  name: 'oidc-clients',
  async run() {
    const pool = await startSigningPool();
    // Codes are single-use: enough for the warm-up and every round at the machine's bound, with margin.
    const probe = (await pool.allCores(1000)).perSecond;
    const codes = Math.ceil((probe / 2) * SECONDS * (ROUNDS + 1) * 1.5) + 1000;
    let web = { id: '', auth: '' };
    let machine = { id: '', auth: '' };
    const service = await startService({
      async more(deps) {
        await saveResourceServer(deps, { identifier: 'https://api.example.com', name: 'API', scopes: [{ name: 'read', description: '' }] });
        const w = await createClient(deps, { name: 'Web', confidential: true, redirectUris: [CB] });
        const m = await createClient(deps, { name: 'Batch', redirectUris: [], confidential: true, grantTypes: ['client_credentials'], scopes: ['https://api.example.com/read'] });
        web = { id: w.id, auth: basic(w.id, w.clientSecret!) };
        machine = { id: m.id, auth: basic(m.id, m.clientSecret!) };
        const user = (await deps.stores.users.insert({ id: newUserId(), tenant: 'default', email: 'codes@example.com', emailVerified: true }, deps.clock.now()))!;
        const now = deps.clock.now();
        const minted: string[] = [];
        for (let i = 0; i < codes; i++) {
          const code = randomToken();
          minted.push(code);
          await deps.stores.authCodes.insert({
            codeHash: await sha256(code), clientId: w.id, userId: user.id, redirectUri: CB, codeChallenge: null, scope: 'openid email profile',
            amr: ['otp'], authTime: Math.floor(now / 1000), nonce: null, createdAt: now, expiresAt: now + BENCH_CODE_TTL_MS,
          });
        }
        return { 'oidc-codes': minted };
      },
    });
    try {
      const { loader, server } = service;
      const exchanges = () => measure(loader, server, { kind: 'code-exchange', url: server.url, connections: CONNECTIONS, seconds: SECONDS, authorization: web.auth, redirectUri: CB });
      const grants = () => measure(loader, server, { kind: 'client-credentials', url: server.url, connections: CONNECTIONS, seconds: SECONDS, authorization: machine.auth });
      // Warm-up: the JIT, prepared statements and signing threads.
      await loader.run({ kind: 'code-exchange', url: server.url, connections: CONNECTIONS, seconds: 1, authorization: web.auth, redirectUri: CB });
      await loader.run({ kind: 'client-credentials', url: server.url, connections: CONNECTIONS, seconds: 1, authorization: machine.auth });
      const m = await inRounds(ROUNDS, { allCores: () => pool.allCores(SECONDS * 1000), exchanges, grants });
      const pairBound = perTokenSet(m.allCores);
      return [
        result(`confidential code exchanges over HTTP (/oauth2/token, client_secret_basic) vs RS256 signatures/s on all ${pool.cores} cores ÷ 2`, best(m.exchanges), 'exchanges/s', best(pairBound), '>= 0.6', ratios(rates(m.exchanges), rates(pairBound))),
        result('code exchange: server CPU per exchange (all threads) vs two bare RS256 signatures', cpuMs(m.exchanges) * 1000, 'µs', cpuMs(pairBound) * 1000, 'info'),
        result(`client_credentials grants over HTTP vs RS256 signatures/s on all ${pool.cores} cores`, best(m.grants), 'grants/s', best(m.allCores), '>= 0.6', ratios(rates(m.grants), rates(m.allCores))),
        result('client_credentials: server CPU per grant (all threads) vs one bare RS256 signature', cpuMs(m.grants) * 1000, 'µs', cpuMs(m.allCores) * 1000, 'info'),
      ];
    } finally {
      pool.stop();
      await service.stop();
    }
  },
};
