// Issue 18, what a newcomer tripped on, over real HTTP: /dev/mail links are clickable and keep ?lang=, and a dead code
// tells the person to ask for a new one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processPendingMail } from '../../src/core/sign-in/process-pending-mail.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { seedUser } from '../helpers/users.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const form = (path: string, body: Record<string, string>) => fetch(`${s.url}${path}`, {
  method: 'POST', redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: s.url },
  body: new URLSearchParams(body),
});

describe('/dev/mail and the language of a link', () => {
  it('shows the sign-in link as a link that keeps the language the mail was asked in', async () => {
    const { email } = await seedUser(s.deps);
    expect((await form('/login/email?lang=fr', { email: email! })).status).toBe(200);
    await processPendingMail(s.deps);
    const page = await (await fetch(`${s.url}/dev/mail`)).text();
    const href = new RegExp(`<a href="(${s.url}/auth/magic-link\\?token=[A-Za-z0-9_-]+&amp;lang=fr)">`).exec(page)?.[1];
    expect(href).toBeTruthy();
    const linkPage = await (await fetch(href!.replace('&amp;', '&'), { headers: { 'accept-language': 'en' } })).text();
    expect(linkPage).toContain('lang="fr"');
    expect(linkPage).toContain('name="lang" value="fr"');
  });
});

describe('a dead code', () => {
  it('says, even for the right code, that after 5 wrong tries a code stops working, and offers a new one', async () => {
    const { email } = await seedUser(s.deps);
    await form('/login/email', { email: email! });
    let last = '';
    for (let i = 0; i < 6; i++) last = await (await form('/login/code', { email: email!, code: String(100000 + i) })).text();
    expect(last).toContain('after 5 wrong tries a code stops working. If so, ask for a new code below.');
    expect(last).toMatch(/<form method="post" action="\/login\/email\?lang=en">[\s\S]*?Send a new code<\/button>/);
  });
});
