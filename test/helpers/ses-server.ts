// A test server that mails through the real SES v2 SDK to aws-ses-v2-local, plus the steps email tests repeat.
import { expect } from 'vitest';
import { decodeJwt } from 'jose';
import { createClient } from '../../src/core/clients/create-client.ts';
import type { Client } from '../../src/core/ports/clients.ts';
import { processPendingMail } from '../../src/core/sign-in/process-pending-mail.ts';
import { startTestServer, type TestServer } from './app.ts';
import type { TestClock } from './clock.ts';
import { startSesLocal, type SesLocal } from './ses-local.ts';
import { codeOf, lastMailTo, linkOf, postJson } from './email-flow.ts';

export const REDIRECT = 'https://app.example.com/cb';
export const OTHER_REDIRECT = 'https://app.example.com/other';

export interface SesServer {
  ses: SesLocal;
  s: TestServer;
  client: Client;
  /** POST /v1/auth/magic-link, drain the outbox, read the mail back from the emulator. */
  signInMail(email: string, extra?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ mail: Awaited<ReturnType<typeof lastMailTo>> & {}; link: string; code: string }>;
  verify(email: string, code: string): Promise<Response>;
  close(): Promise<void>;
}

export async function startSesServer(clock: TestClock): Promise<SesServer> {
  const ses = await startSesLocal();
  const aws = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
  // The SDK reads credentials from the process environment.
  Object.assign(process.env, aws);
  const s = await startTestServer({
    ...aws, CUTOVER_MAILER: 'ses', AWS_ENDPOINT_URL_SESV2: ses.endpoint, CUTOVER_EMAIL_FROM: 'no-reply@example.com',
    CUTOVER_RATE_LIMIT_EMAIL: '3/15m', CUTOVER_PRODUCT_NAME: 'Acme ID',
  }, { clock });
  const client = await createClient(s.deps, { name: 'App', redirectUris: [REDIRECT, OTHER_REDIRECT] });
  return {
    ses, s, client,
    async signInMail(email, extra = {}, headers = {}) {
      const res = await postJson(s.url, '/v1/auth/magic-link', { email, clientId: client.id, ...extra }, headers);
      expect(res.status).toBe(202);
      await processPendingMail(s.deps);
      const mail = await lastMailTo(ses, email);
      expect(mail).not.toBeNull();
      return { mail: mail!, link: linkOf(mail!.body.text!)!, code: codeOf(mail!.body.text!)! };
    },
    verify: (email, code) => postJson(s.url, '/v1/auth/otp/verify', { email, code, clientId: client.id }),
    async close() {
      await s.close();
      await ses.stop();
    },
  };
}

/** A six-digit code that is certainly not `code`. */
export const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
/** Claims without time checks: the test clock runs ahead of the wall clock once tests move it. */
export const idClaims = async (res: Response) => decodeJwt((await res.json()).id_token);
