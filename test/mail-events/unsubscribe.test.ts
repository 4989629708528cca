// List-Unsubscribe and one-click unsubscribe (RFC 8058) on invitations, through aws-ses-v2-local and real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startSesLocal, type SesLocal, type StoredEmail } from '../helpers/ses-local.ts';
import { startSesServer, useDummyAwsCredentials, type InviteServer } from '../helpers/invitations.ts';
import { seedUser } from '../helpers/users.ts';
import { invitations } from '../../db/sqlite/schema.ts';
import { createInvitationSender } from '../../src/core/invitations/invitation-sender.ts';
import { drainInvitationBatch } from '../../src/core/invitations/drain-invitation-batch.ts';

let ses: SesLocal;
let s: InviteServer;
beforeAll(async () => {
  useDummyAwsCredentials();
  ses = await startSesLocal();
  s = await startSesServer(ses.endpoint);
});
afterAll(async () => {
  await s.close();
  await ses.stop();
});

const header = (m: StoredEmail, name: string) =>
  ((m as StoredEmail & { headers?: { name: string; value: string }[] }).headers ?? []).find((h) => h.name === name)?.value;

describe('one-click unsubscribe from invitations', () => {
  it('puts RFC 8058 headers on each invitation; a POST stops further invitations to that person, and only to them', async () => {
    const [a, b] = [await seedUser(s.deps, { freshlyMigrated: true, tenant: 'unsub' }), await seedUser(s.deps, { freshlyMigrated: true, tenant: 'unsub' })];
    const client = await (await s.admin('/v1/admin/clients', { method: 'POST', json: { name: 'U', redirectUris: ['https://u.example.com/cb'], tenant: 'unsub' } })).json();
    const invite = async () => {
      const { batchId } = await (await s.admin('/v1/admin/invitations', { method: 'POST', json: { userIds: [a.id, b.id], clientId: client.clientId } })).json();
      return { batchId, progress: await drainInvitationBatch(s.deps, batchId, { sender: createInvitationSender({ maxSendRate: 1000 }) }) };
    };
    await invite();
    const mails = await ses.emails();
    const toA = mails.find((m) => m.destination.to[0] === a.email)!;
    expect(header(toA, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const link = /^<(.+)>$/.exec(header(toA, 'List-Unsubscribe') ?? '')?.[1];
    // Built from CUTOVER_ISSUER, https in production; here the test server's own address.
    expect(link).toMatch(new RegExp(`^${s.url}/v1/invitations/unsubscribe\\?token=[A-Za-z0-9_-]{43}$`));
    const token = new URL(link!).searchParams.get('token')!;
    // Each mail has its own token, and the database keeps only hashes.
    const toB = mails.find((m) => m.destination.to[0] === b.email)!;
    expect(header(toB, 'List-Unsubscribe')).not.toBe(header(toA, 'List-Unsubscribe'));
    expect(JSON.stringify(await s.db.select().from(invitations).where(eq(invitations.userId, a.id)))).not.toContain(token);

    // A GET (a link scanner) shows a button and changes nothing.
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('method="post"');
    expect(await s.deps.stores.suppressions.suppressedAmong([a.email!])).toEqual(new Set());

    // The mail client's one-click POST (RFC 8058 §3.1), from anywhere, without cookies.
    const post = () => fetch(link!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    const res = await post();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ unsubscribed: true });
    expect((await post()).status).toBe(200);
    const list = (await (await s.admin('/v1/admin/suppressions')).json()).suppressions;
    expect(list).toEqual([expect.objectContaining({ email: a.email!.toLowerCase(), reason: 'unsubscribe' })]);
    expect(await s.deps.stores.audit.list({ type: 'invitations.unsubscribed', limit: 5 })).toHaveLength(1);

    await ses.clear();
    const second = await invite();
    expect(second.progress).toMatchObject({ queued: 2, sent: 1, suppressed: 1, done: true });
    expect((await ses.emails()).map((m) => m.destination.to[0])).toEqual([b.email]);
  });

  it('refuses a forged or malformed token with a 4xx naming the field', async () => {
    const forged = await fetch(`${s.url}/v1/invitations/unsubscribe?token=${'A'.repeat(43)}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
    expect(forged.status).toBe(404);
    expect((await forged.json()).message).toMatch(/^token/);
    const bad = await fetch(`${s.url}/v1/invitations/unsubscribe?token=short`, { method: 'POST' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_request', message: expect.stringMatching(/^token/) });
  });
});
