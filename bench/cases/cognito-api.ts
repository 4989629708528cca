// Amplify's email-code sign-in over HTTP (InitiateAuth USER_AUTH + EMAIL_OTP, then RespondToAuthChallenge) against the
// JSON API's own (POST /v1/auth/otp, then /v1/auth/otp/verify), in the same run; and against verify alone.
import { startService } from '../http/service.ts';
import { startSigningPool } from '../signing/signing-pool.ts';
import { measure } from '../http/measure.ts';
import { best, cpuMs, inRounds, rates, ratios, result, type BenchCase } from '../harness.ts';

const ROUNDS = 3;
const SECONDS = 3;
const CONNECTIONS = 32;

export const cognitoApiBench: BenchCase = {
  name: 'cognito-api',
  async run() {
    const pool = await startSigningPool();
    // Each sign-in spends a seeded code: enough for every side and round at the machine's RS256 bound, with margin.
    const probe = (await pool.allCores(1000)).perSecond;
    pool.stop();
    const perRun = Math.ceil((probe / 2) * SECONDS * 1.5) + 500;
    const service = await startService({ loginCodes: perRun * (3 * ROUNDS + 2), codes: perRun * (ROUNDS + 1) });
    try {
      const { loader, server } = service;
      const job = (kind: 'json-login' | 'amplify-login' | 'verify', seconds = SECONDS) => ({ kind, url: server.url, connections: CONNECTIONS, seconds });
      await loader.run(job('amplify-login', 1)); // warm-up, both paths
      await loader.run(job('json-login', 1));
      const r = await inRounds(ROUNDS, {
        amplify: () => measure(loader, server, job('amplify-login')),
        json: () => measure(loader, server, job('json-login')),
        verify: () => measure(loader, server, job('verify')),
      });
      return [
        result('Amplify email-code sign-ins over HTTP (InitiateAuth + RespondToAuthChallenge) vs the JSON API\'s (POST /v1/auth/otp + /verify)', best(r.amplify), 'sign-ins/s', best(r.json), '>= 0.9', ratios(rates(r.amplify), rates(r.json))),
        result('Amplify email-code sign-ins vs POST /v1/auth/otp/verify alone (a pre-mailed code)', best(r.amplify), 'sign-ins/s', best(r.verify), 'info', ratios(rates(r.amplify), rates(r.verify))),
        result('server CPU per sign-in: Amplify\'s two calls vs the JSON API\'s two', cpuMs(r.amplify) * 1000, 'µs', cpuMs(r.json) * 1000, 'info'),
      ];
    } finally {
      await service.stop();
    }
  },
};
