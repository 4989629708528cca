// Shared set-up for invitation tests: SDK credentials for the emulator, an app on the SES mailer, an admin key.
import type { Env } from '../../src/core/shared/config.ts';
import { createAdminKey } from '../../src/core/admin/admin-keys.ts';
import { startTestServer, type TestServer } from './app.ts';

/** The AWS SDK reads credentials from the environment; the emulator accepts any. */
export function useDummyAwsCredentials(): void {
  process.env.AWS_ACCESS_KEY_ID ??= 'AKIDTESTTESTTEST';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'test-secret';
  process.env.AWS_REGION ??= 'us-east-1';
}

export interface InviteServer extends TestServer {
  admin: (path: string, init?: RequestInit & { json?: unknown }) => Promise<Response>;
}

export async function startSesServer(sesEndpoint: string, env: Env = {}): Promise<InviteServer> {
  const server = await startTestServer({
    CUTOVER_MAILER: 'ses', AWS_ENDPOINT_URL_SESV2: sesEndpoint, AWS_REGION: 'us-east-1',
    CUTOVER_EMAIL_FROM: 'team@example.com', CUTOVER_SES_MAX_SEND_RATE: '500', ...env,
  });
  const { key } = await createAdminKey(server.deps, 'test');
  const admin = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${key}`);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    return fetch(server.url + path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  };
  return { ...server, admin };
}

export interface CampaignRecipient { userId: string; email: string; messageId: string | null; status: string }

/** A campaign as the admin API shows it: its recipients (up to 1,000) and its progress. */
export const campaignRecipients = async (s: InviteServer, batchId: string): Promise<CampaignRecipient[]> =>
  (await (await s.admin(`/v1/admin/invitations/${batchId}/recipients?limit=1000`)).json()).invitations;
export const campaignProgress = async (s: InviteServer, batchId: string) => (await s.admin(`/v1/admin/invitations/${batchId}`)).json();
