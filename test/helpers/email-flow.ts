// Shared steps for email sign-in tests: JSON calls, reading mail from the SES emulator, pulling the link and code out.
import { request as httpRequest } from 'node:http';
import type { SesLocal, StoredEmail } from './ses-local.ts';

export const postJson = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

export const linkOf = (text: string) => /(https?:\/\/\S+\/auth\/magic-link\?token=[A-Za-z0-9_%-]+)/.exec(text)?.[1] ?? null;
export const codeOf = (text: string) => /^\s+(\d{6})\s*$/m.exec(text)?.[1] ?? null;
export const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

/** The newest mail the emulator holds for an address (null when none). */
export async function lastMailTo(ses: SesLocal, to: string): Promise<StoredEmail | null> {
  const mails = (await ses.emails()).filter((m) => m.destination.to.includes(to));
  return mails.at(-1) ?? null;
}

export async function mailCount(ses: SesLocal, to: string): Promise<number> {
  return (await ses.emails()).filter((m) => m.destination.to.includes(to)).length;
}

/** A fresh connection per request: the server may close one early after refusing a huge body. */
export function rawPost(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers, agent: false }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (data += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: data }));
    });
    // The server may answer 413 and hang up before the whole body is written.
    req.on('error', (e) => (e as NodeJS.ErrnoException).code === 'EPIPE' || (e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e));
    req.end(body);
  });
}
