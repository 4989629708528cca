// Issue 2 and 11 benchmarks over real sockets: the JWKS against a bare Hono route serving the same bytes, and
// refresh grants against the machine's RS256 bound. Servers, load and signing each run in processes of their own.
import { measure } from '../http/measure.ts';
import { startServerProcess } from '../http/server-process.ts';
import { startService } from '../http/service.ts';
import { startSigningPool } from '../signing/signing-pool.ts';
import { best, cpuMs, inRounds, median, perTokenSet, rates, ratios, result, type BenchCase } from '../harness.ts';

const ROUNDS = 3;
const SECONDS = 3;
/** The figure of 0.70 was taken with autocannon at 50 connections. */
const JWKS_CONNECTIONS = 50;
/** Enough grants in flight to keep every signing thread fed. */
const GRANT_CONNECTIONS = 32;

export const foundation: BenchCase = {
  name: 'foundation',
  async run() {
    // A run's end leaves up to one refresh token per connection unanswered (spent by the server, never seen by the
    // loader): a chain per connection for each run, warm-up included, and one set to spare.
    const service = await startService({ chains: GRANT_CONNECTIONS * (ROUNDS + 2) });
    const bare = await startServerProcess('bare', { BENCH_JWKS_BODY: service.jwksBody });
    const pool = await startSigningPool();
    try {
      const { loader, server } = service;
      const jwks = (s: typeof bare) => () => measure(loader, s, { kind: 'get', url: s.url, path: '/.well-known/jwks.json', connections: JWKS_CONNECTIONS, seconds: SECONDS });
      const grants = () => measure(loader, server, { kind: 'refresh', url: server.url, connections: GRANT_CONNECTIONS, seconds: SECONDS });
      // Warm-up: both servers' JIT, the app's prepared statements and signing threads.
      await jwks(bare)();
      await jwks(server)();
      await grants();

      const get = await inRounds(ROUNDS, { bare: jwks(bare), served: jwks(server) });
      const sign = await inRounds(ROUNDS, { allCores: () => pool.allCores(SECONDS * 1000), grants, oneCore: () => pool.singleCore(SECONDS * 1000) });
      const bound = perTokenSet(sign.allCores);
      return [
        result(`jwks over HTTP (${JWKS_CONNECTIONS} connections) vs a bare Hono route serving the same bytes`, best(get.served), 'req/s', best(get.bare), '>= 0.9', ratios(rates(get.served), rates(get.bare))),
        result('jwks: server CPU per request vs the bare route\'s', cpuMs(get.served) * 1000, 'µs', cpuMs(get.bare) * 1000, 'info'),
        result(`refresh grants over HTTP vs RS256 signatures/s on all ${pool.cores} cores ÷ 2`, best(sign.grants), 'grants/s', best(bound), '>= 0.6', ratios(rates(sign.grants), rates(bound))),
        result('refresh grant: server CPU per grant (all threads) vs two bare RS256 signatures', cpuMs(sign.grants) * 1000, 'µs', cpuMs(bound) * 1000, 'info'),
        result('refresh grant: server event loop CPU per grant vs two bare RS256 signatures', median(sign.grants.map((m) => m.loopMsPerOp)) * 1000, 'µs', cpuMs(bound) * 1000, 'info'),
        result('refresh grant: whole machine CPU per grant (server, load, kernel) vs two bare RS256 signatures', median(sign.grants.map((m) => m.machineMsPerOp)) * 1000, 'µs', cpuMs(bound) * 1000, 'info'),
        result(`RS256 signatures/s: all ${pool.cores} cores (one process each) vs one core`, best(sign.allCores), 'sig/s', best(sign.oneCore), 'info', ratios(rates(sign.allCores), rates(sign.oneCore))),
      ];
    } finally {
      pool.stop();
      await bare.stop();
      await service.stop();
    }
  },
};
